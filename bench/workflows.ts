// The app's workflows plus a bare one, the baseline for an Update round trip (bench:api).
export * from '../workflows';
export { bareUpdateWorkflow, ping } from './baseline-workflows';
