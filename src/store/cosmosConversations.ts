import type { Container } from '@azure/cosmos';
import { clean, queryAcrossServices, upsertItem, deleteItem } from './query';
import type { ConversationRepository, StoredConversation } from './types';

export class CosmosConversationRepository implements ConversationRepository {
  constructor(private readonly container: Container) {}

  async save(conversation: StoredConversation) {
    // A person moved to another service leaves a reference in the old partition: drop it first.
    const existing = await this.get(conversation.id);
    if (existing && existing.serviceId !== conversation.serviceId) await deleteItem(this.container, existing.serviceId, existing.id);
    await upsertItem(this.container, conversation);
  }

  async get(aadObjectId: string) {
    const docs = await queryAcrossServices<StoredConversation>(this.container, 'SELECT * FROM c WHERE c.id = @id', { id: aadObjectId.toLowerCase() });
    return docs[0] ? clean(docs[0]) : null;
  }

  async remove(aadObjectId: string) {
    const existing = await this.get(aadObjectId);
    if (existing) await deleteItem(this.container, existing.serviceId, existing.id);
  }
}
