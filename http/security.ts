// Security headers of every response. The Content-Security-Policy allows no inline script or style:
// pages load /static/udmeld.js and /static/udmeld.css; the two standalone documents (the report page
// and the API docs) carry their stylesheet inline, allowed by its hash.
import { createHash } from 'node:crypto';
import type { RequestHandler } from 'express';

const POLICY = {
  'default-src': ["'none'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
  'base-uri': ["'none'"],
};

export const styleHash = (css: string) => `'sha256-${createHash('sha256').update(css).digest('base64')}'`;

export function contentSecurityPolicy(inlineStyles: string[] = []): string {
  const policy = { ...POLICY, 'style-src': [...POLICY['style-src'], ...inlineStyles.map(styleHash)] };
  return Object.entries(policy)
    .map(([directive, sources]) => `${directive} ${sources.join(' ')}`)
    .join('; ');
}

const DEFAULT_POLICY = contentSecurityPolicy();

export const securityHeaders: RequestHandler = (_req, res, next) => {
  res.setHeader('Content-Security-Policy', DEFAULT_POLICY);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Frame-Options', 'DENY');
  // Links carry access tokens: never send a URL to another site (same-origin keeps the Origin
  // header on form posts, which the pages check).
  res.setHeader('Referrer-Policy', 'same-origin');
  res.setHeader('Cache-Control', 'no-store');
  next();
};
