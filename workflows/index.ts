export { centralNoticeWorkflow } from './central-notice';
export { municipalityWorkflow } from './municipality';
