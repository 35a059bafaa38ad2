import type { MailRequest } from '../domain/mail';
import type { Mailer } from './mailer';

export interface ActivityDeps {
  mailer: Mailer;
}

export function createActivities({ mailer }: ActivityDeps) {
  return {
    async sendEmail(request: MailRequest) {
      return mailer.send(request);
    },
  };
}

export type Activities = ReturnType<typeof createActivities>;
