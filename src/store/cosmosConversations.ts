import type { Container } from '@azure/cosmos';
import { clean, deleteItem, queryAcrossServices, queryService, readItem, upsertItem } from './query';
import type { ConversationRepository, StoredConversation } from './types';

export class CosmosConversationRepository implements ConversationRepository {
  constructor(private readonly container: Container) {}

  async save(conversation: StoredConversation) {
    // A person moved to another service leaves a reference in the old partition: drop it first.
    const existing = await this.get(conversation.id);
    if (existing && existing.serviceId !== conversation.serviceId)
      await deleteItem(this.container, existing.serviceId, existing.id);
    await upsertItem(this.container, conversation);
  }

  async get(aadObjectId: string, serviceId?: string) {
    // With the person's service known, a point read of its partition (one cheap read instead of a
    // query over every partition); the query remains for a reference left in a previous service.
    if (serviceId) {
      const doc = await readItem<StoredConversation>(this.container, serviceId, aadObjectId.toLowerCase());
      if (doc) return clean(doc);
    }
    const docs = await queryAcrossServices<StoredConversation>(this.container, 'SELECT * FROM c WHERE c.id = @id', {
      id: aadObjectId.toLowerCase(),
    });
    return docs[0] ? clean(docs[0]) : null;
  }

  async purgeStale(serviceId: string, before: string) {
    const ids = await queryService<string>(
      this.container,
      serviceId,
      'SELECT VALUE c.id FROM c WHERE c.serviceId = @serviceId AND c.updatedAt < @before',
      { before },
    );
    let removed = 0;
    for (const id of ids) if (await deleteItem(this.container, serviceId, id)) removed += 1;
    return removed;
  }

  async remove(aadObjectId: string) {
    const existing = await this.get(aadObjectId);
    if (existing) await deleteItem(this.container, existing.serviceId, existing.id);
  }
}
