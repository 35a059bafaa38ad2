// The baselines' activities: as little as an activity can do, and a bare e-mail.
import nodemailer from 'nodemailer';

export const baselineActivities = {
  async baselineActivity(n: number): Promise<number> {
    return n;
  },
};
export type BaselineActivities = typeof baselineActivities;

/** One plain message through SMTP, as the launch's baseline sends an invitation: no record, no template. */
export function bareInvitationActivities(smtpUrl: string) {
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    async bareInvitation(to: string): Promise<void> {
      await transport.sendMail({
        from: 'bench@udmeld.test',
        to,
        subject: 'Invitation',
        text: 'Indberet her.',
        headers: { 'X-Udmeld-Template': 'bare_invitation' },
      });
    },
  };
}
export type BareInvitation = ReturnType<typeof bareInvitationActivities>;
