import { randomUUID } from 'node:crypto';

/** Activities shaped exactly like Microsoft 365 Agents Playground's (shared/fixtures). */
export const TENANT = '11111111-2222-3333-4444-555555555555';
export const BOT = { id: '28:my-bot-app-id', name: 'Rehab Bot' };

export interface TestUser {
  aadObjectId: string;
  name: string;
  tenantId?: string;
}

export function userId(n: number): string {
  return `aaaaaaaa-0000-0000-0000-${String(n).padStart(12, '0')}`;
}

export function conversationOf(user: TestUser): string {
  return `a:personal-${user.aadObjectId}`;
}

function base(user: TestUser, serviceUrl: string) {
  const tenantId = user.tenantId ?? TENANT;
  return {
    id: randomUUID(),
    timestamp: new Date().toISOString(),
    serviceUrl,
    channelId: 'msteams',
    from: { id: `29:${user.aadObjectId}`, name: user.name, aadObjectId: user.aadObjectId },
    conversation: { conversationType: 'personal', tenantId, id: conversationOf(user) },
    recipient: { ...BOT },
    locale: 'en-GB',
    channelData: { tenant: { id: tenantId } },
  };
}

export function messageActivity(user: TestUser, text: string, serviceUrl: string) {
  return {
    ...base(user, serviceUrl),
    type: 'message',
    text,
    textFormat: 'plain',
    entities: [{ type: 'clientInfo', locale: 'en-GB', country: 'GB', platform: 'Web', timezone: 'Europe/London' }],
  };
}

export function invokeActivity(user: TestUser, verb: string, data: Record<string, unknown>, serviceUrl: string) {
  return {
    ...base(user, serviceUrl),
    type: 'invoke',
    name: 'adaptiveCard/action',
    replyToId: '1795603831678',
    value: { action: { type: 'Action.Execute', title: 'Submit', verb, data } },
    channelData: { source: { name: 'message' }, tenant: { id: user.tenantId ?? TENANT } },
  };
}

export function installActivity(user: TestUser, serviceUrl: string) {
  return {
    ...base(user, serviceUrl),
    type: 'installationUpdate',
    action: 'add',
    channelData: { tenant: { id: user.tenantId ?? TENANT }, source: { name: 'message' } },
  };
}

export function membersAddedActivity(user: TestUser, serviceUrl: string) {
  return {
    ...base(user, serviceUrl),
    type: 'conversationUpdate',
    membersAdded: [{ id: `29:${user.aadObjectId}`, aadObjectId: user.aadObjectId }, { id: BOT.id }],
  };
}

/** A message in a team channel, @mentioning the bot (fixture line 6). */
export function channelMessageActivity(user: TestUser, text: string, serviceUrl: string) {
  const tenantId = user.tenantId ?? TENANT;
  return {
    ...messageActivity(user, `<at>${BOT.name}</at> ${text}`, serviceUrl),
    conversation: {
      isGroup: true,
      conversationType: 'channel',
      tenantId,
      id: '19:team-general@thread.tacv2;messageid=1795603831700',
    },
    entities: [{ type: 'mention', mentioned: { ...BOT }, text: `<at>${BOT.name}</at>` }],
    channelData: {
      teamsChannelId: '19:team-general@thread.tacv2',
      teamsTeamId: '19:team-general@thread.tacv2',
      tenant: { id: tenantId },
      team: { id: '19:team-general@thread.tacv2' },
      channel: { id: '19:team-general@thread.tacv2' },
    },
  };
}
