// Every route of the API, by resource.
import type { Udmeld } from '../../app';
import type { SignIn } from '../../auth/sign-in';
import type { Route } from '../route';
import { accessRoutes } from './access';
import { answerRoutes } from './answers';
import { approvalRoutes } from './approval';
import { contactRoutes } from './contacts';
import { cuRoutes } from './cus';
import { reportRoutes } from './reports';
import { roundRoutes } from './round';
import { templateRoutes } from './templates';
import { scheduleRoutes } from './schedules';
import { eventRoutes } from './events';
import { webhookRoutes } from './webhooks';
import { meetingRoutes } from './meetings';
import { searchRoutes } from './search';

export function routes(app: Udmeld, signIn: SignIn): Route[] {
  return [
    ...accessRoutes(app, signIn),
    ...contactRoutes(app),
    ...cuRoutes(app),
    ...roundRoutes(app),
    ...approvalRoutes(app),
    ...reportRoutes(app),
    ...answerRoutes(app),
    ...templateRoutes(app),
    ...scheduleRoutes(app),
    ...eventRoutes(app),
    ...webhookRoutes(app),
    ...meetingRoutes(app),
    ...searchRoutes(app),
  ];
}
