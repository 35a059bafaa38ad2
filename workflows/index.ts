export { centralNoticeWorkflow } from './central-notice';
export { municipalityWorkflow } from './municipality';
export { directoryWorkflow } from './directory';
