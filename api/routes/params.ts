// The parts of an address the routes share.
import { APPROVAL_STEP_IDS } from '../../domain/approval-chain';
import { councilIdSchema } from '../../domain/commands';
import { cuIdSchema } from '../../domain/cu';
import { municipalityCodeSchema, z } from '../../domain/zod';

export const cuParams = z.strictObject({ cuId: cuIdSchema });
export const municipalityParams = z.strictObject({ cuId: cuIdSchema, code: municipalityCodeSchema });
export const councilParams = z.strictObject({ cuId: cuIdSchema, council: councilIdSchema });
export const stepParams = z.strictObject({ cuId: cuIdSchema, step: z.enum(APPROVAL_STEP_IDS) });
/** Nothing: an action that takes no input (anything given is refused). */
export const noBody = z.strictObject({});
