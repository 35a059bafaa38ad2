// A form sent as multipart/form-data: its fields, and each file's bytes (a file over the limit is
// marked, not kept). Resolves, never rejects: a request that cannot be read says so in `problem`.
import busboy from 'busboy';
import type { Request } from 'express';

export interface PostedFile {
  field: string;
  name: string;
  bytes: Buffer;
  tooLarge: boolean;
}

export function readMultipart(
  req: Request,
  limits: { files: number; fileSize: number; fields: number; fieldSize: number },
): Promise<{ fields: Record<string, string>; files: PostedFile[]; problem?: 'not_multipart' | 'unreadable' }> {
  return new Promise((resolve) => {
    const fields: Record<string, string> = {};
    const files: PostedFile[] = [];
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, limits });
    } catch {
      return resolve({ fields, files, problem: 'not_multipart' });
    }
    parser.on('field', (name, value) => void (fields[name] = value));
    parser.on('file', (field, stream, info) => {
      const chunks: Buffer[] = [];
      const file: PostedFile = { field, name: info.filename ?? '', bytes: Buffer.alloc(0), tooLarge: false };
      files.push(file);
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('limit', () => (file.tooLarge = true));
      stream.on('close', () => (file.bytes = file.tooLarge ? Buffer.alloc(0) : Buffer.concat(chunks)));
    });
    parser.on('error', () => resolve({ fields, files, problem: 'unreadable' }));
    parser.on('close', () => resolve({ fields, files }));
    req.pipe(parser);
  });
}

/** The one uploaded file as text (UTF-8, or Windows-1252 as Danish Excel saves it), its name, and the form's other fields. */
export async function readTextUpload(
  req: Request,
  maxBytes: number,
  choose: string,
): Promise<{ text: string; name: string; fields: Record<string, string>; problem?: string }> {
  const { fields, files, problem } = await readMultipart(req, { files: 1, fileSize: maxBytes, fields: 10, fieldSize: 1000 });
  const file = files[0];
  const none = { text: '', name: '', fields };
  if (problem) return { ...none, problem: problem === 'not_multipart' ? choose : 'Filen kunne ikke læses' };
  if (file?.tooLarge) return { ...none, problem: `Filen er for stor (højst ${Math.round(maxBytes / 1000)} kB)` };
  if (!file || file.bytes.length === 0) return { ...none, problem: choose };
  return { text: decode(file.bytes), name: file.name, fields };
}

function decode(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}
