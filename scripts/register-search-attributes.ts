// For a Temporal server started elsewhere (docker-compose, a self-hosted cluster): registers
// udmeld's custom search attributes if they are missing. The embedded dev server gets them as flags.
import { loadConfig } from '../config';
import { registerSearchAttributes } from './temporal-servers';

const { temporal } = loadConfig();
for (let attempt = 1; ; attempt++) {
  try {
    const added = await registerSearchAttributes(temporal.address, temporal.namespace);
    console.log(added.length ? `Registered: ${added.join(', ')}` : 'Search attributes already registered');
    break;
  } catch (err) {
    if (attempt >= 30) throw err;
    console.log(`Temporal not ready (${(err as Error).message}); retrying in 5 s`);
    await new Promise((r) => setTimeout(r, 5000));
  }
}
