// The embedded provider's storage: this process's memory, which is all a local sign-in needs
// (interactions, sessions and codes live minutes). Expired entries are dropped as new ones come.
import type { Adapter, AdapterPayload } from 'oidc-provider';

export function memoryAdapter(): new (model: string) => Adapter {
  const store = new Map<string, { payload: AdapterPayload; expiresAt: number }>();
  const live = (entry?: { payload: AdapterPayload; expiresAt: number }) =>
    entry && entry.expiresAt > Date.now() ? entry.payload : undefined;

  return class MemoryAdapter implements Adapter {
    constructor(private readonly model: string) {}

    private key(id: string) {
      return `${this.model}:${id}`;
    }

    private findBy(test: (payload: AdapterPayload) => boolean) {
      for (const [key, entry] of store) if (key.startsWith(`${this.model}:`) && live(entry) && test(entry.payload)) return entry.payload;
      return undefined;
    }

    async upsert(id: string, payload: AdapterPayload, expiresIn: number) {
      for (const [key, entry] of store) if (entry.expiresAt <= Date.now()) store.delete(key);
      store.set(this.key(id), { payload, expiresAt: Date.now() + (expiresIn || 3600) * 1000 });
    }
    async find(id: string) {
      return live(store.get(this.key(id)));
    }
    async findByUid(uid: string) {
      return this.findBy((p) => p.uid === uid);
    }
    async findByUserCode(userCode: string) {
      return this.findBy((p) => p.userCode === userCode);
    }
    async consume(id: string) {
      const payload = live(store.get(this.key(id)));
      if (payload) payload.consumed = Math.floor(Date.now() / 1000);
    }
    async destroy(id: string) {
      store.delete(this.key(id));
    }
    async revokeByGrantId(grantId: string) {
      for (const [key, entry] of store) if (entry.payload.grantId === grantId) store.delete(key);
    }
  };
}
