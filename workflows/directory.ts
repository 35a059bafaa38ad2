// A long-running workflow as the durable store of the contact register: every change is an
// Update in its history. It continues as new before the history grows large.
import { allHandlersFinished, condition, continueAsNew, setHandler, workflowInfo } from '@temporalio/workflow';
import { revokeLinksSchema, setContactsSchema, type DirectoryState } from '../domain/directory';
import { parse } from './failures';
import * as msg from './messages';

export async function directoryWorkflow(carried?: DirectoryState): Promise<void> {
  const state: DirectoryState = carried ?? { contacts: {}, revocations: [] };
  setHandler(msg.directory, () => state);
  setHandler(
    msg.setContacts,
    (command) => {
      const { municipalityCode, contacts, by } = parse(setContactsSchema, command);
      state.contacts[municipalityCode] = { ...contacts, updatedAt: new Date().toISOString(), updatedBy: by };
      return state.contacts[municipalityCode]!;
    },
    { validator: (command) => void parse(setContactsSchema, command) },
  );
  setHandler(
    msg.revokeLinks,
    (command) => {
      const { by, ...what } = parse(revokeLinksSchema, command);
      const now = Date.now();
      const revocation = { ...what, before: Math.floor(now / 1000), at: new Date(now).toISOString(), by };
      state.revocations.push(revocation);
      return revocation;
    },
    { validator: (command) => void parse(revokeLinksSchema, command) },
  );
  await condition(() => workflowInfo().continueAsNewSuggested || workflowInfo().historyLength > 5000);
  await allHandlersFinished();
  await continueAsNew<typeof directoryWorkflow>(state);
}
