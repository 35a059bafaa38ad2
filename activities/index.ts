import type { LinkAccess, MailRequest } from '../domain/mail';
import type { Mailer } from './mailer';

export interface ActivityDeps {
  mailer: Mailer;
  /** Returns the link with a signed, expiring access token for the given scope. */
  linkWithAccess: (link: string, access: LinkAccess) => string;
}

export function createActivities({ mailer, linkWithAccess }: ActivityDeps) {
  return {
    async sendEmail(request: MailRequest) {
      if (request.access && 'link' in request.data) {
        return mailer.send({ ...request, data: { ...request.data, link: linkWithAccess(request.data.link, request.access) } } as MailRequest);
      }
      return mailer.send(request);
    },
  };
}

export type Activities = ReturnType<typeof createActivities>;
