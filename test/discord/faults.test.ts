import { MessageFlags } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Interaction, StoredMessage } from './double/index.ts';
import { type Harness, quotesOf, startHarness } from './harness.ts';

/**
 * Faults end to end: a handler that throws (the user gets an apology with an error id, the bot goes
 * on), the gateway dropping, asking to reconnect, or invalidating the session (the bot comes back
 * and answers), and REST answering 429 or 500 (the answers still arrive, each exactly once).
 */

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h?.stop();
});

const count = (kind: string) => h.double.gateway.events.filter((e) => e.kind === kind).length;

/** A command that must be answered normally, with quotes, exactly once. */
async function expectAnswered(i: Interaction): Promise<void> {
  const m = await h.double.answer(i);
  expect(quotesOf(m).length).toBeGreaterThan(0);
  expect(i.acks).toHaveLength(1);
  expect(i.refused).toEqual([]);
}

const search = () => h.double.command('search', { query: 'Raqqa' });

describe('a handler error', () => {
  it('gives the user a short ephemeral apology with an error id, logs the details under it, and the bot answers the next command', async () => {
    h.store.failNext = 1;
    const i = search();
    const m = await h.double.answer(i);
    expect(m.flags & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    const id = /`([0-9a-f]{6,})`/.exec(m.content)?.[1];
    expect(id, m.content).toBeDefined();
    expect(m.content).not.toMatch(/injected failure|at .*\(|\/tmp\/|\.ts\b/);
    const line = h.logs.lines().find((l) => JSON.stringify(l).includes(id!) && l.level === 50);
    expect(JSON.stringify(line)).toContain('injected failure');
    await expectAnswered(search());
  });

  it('in a deferred reply (/refresh): an ephemeral apology, and the "Refreshing…" reply does not stay behind', async () => {
    h.store.failNext = 1;
    const i = h.double.command('refresh', {}, { person: h.double.world.moderator });
    const shown = () => [i.original, ...i.followups].filter((m) => m && !i.loading && !m.deleted) as StoredMessage[];
    const apology = await h.double.until(() => shown().find((m) => /error id is `[0-9a-f]{6,}`/.test(m.content)), 'the apology');
    expect(apology.flags & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    expect(h.store.refreshing).toBe(false);
    await expectAnswered(search());
    expect(shown().map((m) => m.content).filter((c) => /^Refreshing/.test(c))).toEqual([]);
  });

  it('in a DM the apology is a message in the DM, and the next question is answered', async () => {
    const person = h.double.world.other;
    h.store.failNext = 1;
    h.double.dm(person, 'Who is Putin?');
    const [apology] = await h.double.until(() => (h.double.dmReplies(person).length ? h.double.dmReplies(person) : undefined), 'the DM apology');
    expect(apology!.content).toMatch(/error id is `[0-9a-f]{6,}`/);
    h.double.dm(person, 'Who is Putin?');
    const replies = await h.double.until(() => (h.double.dmReplies(person).length > 1 ? h.double.dmReplies(person) : undefined), 'the next DM answer');
    expect(quotesOf(replies[1]!).length).toBeGreaterThan(0);
  });
});

describe('REST faults', () => {
  it('429 with retry_after on interaction callbacks: every answer arrives once, after the wait', async () => {
    const before = h.double.faults.injected.length;
    h.double.faults.rateLimit({ route: /\/callback$/, count: 3, retryAfter: 0.3 });
    const batch = [search(), h.double.command('who', { name: 'Vladimir Putin' }), h.double.command('ask', { question: 'Who blamed a bomb?' })];
    for (const i of batch) await expectAnswered(i);
    expect(h.double.faults.injected.slice(before).map((f) => f.status)).toEqual([429, 429, 429]);
  });

  it('a global 429 on DM replies: the reply arrives once', async () => {
    const person = h.double.world.moderator;
    const before = h.double.dmReplies(person).length;
    h.double.faults.rateLimit({ route: /^\/channels\/\d+\/messages$/, method: 'POST', count: 1, retryAfter: 0.2, global: true });
    h.double.dm(person, 'Who is Kerry?');
    await h.double.until(() => h.double.dmReplies(person).length > before, 'the DM reply');
    await new Promise((r) => setTimeout(r, 300));
    expect(h.double.dmReplies(person).length).toBe(before + 1);
  });

  it('500 on the next requests: retried, every answer arrives once', async () => {
    const before = h.double.faults.injected.length;
    h.double.faults.serverError({ route: /\/callback$/, count: 3 });
    await expectAnswered(search());
    h.double.faults.serverError({ route: /\/webhooks\//, count: 2 });
    const refresh = h.double.command('refresh', {}, { person: h.double.world.moderator });
    await h.double.until(() => (refresh.original && /refreshed/i.test(refresh.original.content) ? true : undefined), 'the refresh summary');
    expect(h.double.faults.injected.slice(before).map((f) => f.status)).toEqual([500, 500, 500, 500, 500]);
  });

  it('500 for a while (300 ms): the answers still arrive, once each', async () => {
    const before = h.double.faults.injected.length;
    h.double.faults.serverError({ route: /\/callback$/, forMs: 300 });
    const i = search();
    await expectAnswered(i);
    const person = h.double.world.member;
    const replies = h.double.dmReplies(person).length;
    h.double.faults.serverError({ route: /^\/channels\/\d+\/messages$/, forMs: 300 });
    h.double.dm(person, 'Who is Kerry?');
    const [reply] = await h.double.until(() => (h.double.dmReplies(person).length > replies ? h.double.dmReplies(person).slice(replies) : undefined), 'the DM reply');
    expect(quotesOf(reply!).length).toBeGreaterThan(0);
    // The window did hit both routes.
    const hit = h.double.faults.injected.slice(before).map((f) => f.route.split('/')[1]);
    expect(new Set(hit)).toEqual(new Set(['interactions', 'channels']));
  });
});

describe('REST faults after Discord did the work', () => {
  it('a 500 on an acknowledgement Discord had received: the answer is shown once, nothing acknowledged twice', async () => {
    h.double.faults.serverError({ route: /\/callback$/, afterProcessing: true });
    const i = search();
    const m = await h.double.answer(i);
    expect(quotesOf(m).length).toBeGreaterThan(0);
    expect(i.acks).toHaveLength(1);
    await h.double.until(() => i.refused.length > 0 || undefined, 'the retry (refused with 40060)');
    // The next command is answered; by then any needless follow-up to the 40060 would have been made.
    await expectAnswered(search());
    expect(i.refused.map((r) => r.code)).toEqual([40060]);
    expect(i.followups).toEqual([]);
    // 40060 on a retry means the first attempt landed: not a handler failure.
    const errors = h.logs.lines().filter((l) => (l.level as number) >= 50 && JSON.stringify(l).includes('40060'));
    expect(errors.map((l) => l.msg)).toEqual([]);
  });

  it('a 500 on a DM reply Discord had created: the retry carries the same nonce, the user gets one reply', async () => {
    const person = h.double.world.other;
    const before = h.double.dmReplies(person).length;
    const tries = () => h.double.rest.requests.filter((r) => r.method === 'POST' && r.route === `/channels/${h.double.world.dmChannelId(person.user.id)}/messages`).length;
    const triesBefore = tries();
    h.double.faults.serverError({ route: /^\/channels\/\d+\/messages$/, afterProcessing: true });
    h.double.dm(person, 'Who is Kerry?');
    await h.double.until(() => tries() >= triesBefore + 2 || undefined, 'the retried DM reply');
    expect(h.double.dmReplies(person).length).toBe(before + 1);
    const [first, retry] = h.double.rest.requests.filter((r) => r.route === `/channels/${h.double.world.dmChannelId(person.user.id)}/messages`).slice(triesBefore);
    expect([first?.status, retry?.status]).toEqual([500, 200]);
    expect((retry?.body as { nonce?: string } | undefined)?.nonce).toBe((first?.body as { nonce?: string } | undefined)?.nonce);
  });
});

describe('gateway faults', () => {
  it('a dropped connection: the bot resumes (no new IDENTIFY), gets the command sent meanwhile, and answers it', async () => {
    const [resumes, identifies] = [count('resume'), count('identify')];
    h.double.gateway.drop(4000);
    const meanwhile = search();
    await h.double.gateway.whenConnected();
    expect([count('resume'), count('identify')]).toEqual([resumes + 1, identifies]);
    await expectAnswered(meanwhile);
    await expectAnswered(search());
  });

  it('RECONNECT (op 7): the bot reconnects, resumes and answers the next command', async () => {
    const resumes = count('resume');
    h.double.gateway.reconnect();
    await h.double.gateway.whenConnected();
    expect(count('resume')).toBe(resumes + 1);
    await expectAnswered(search());
  });

  it('INVALID SESSION, resumable: the bot resumes and answers the next command', async () => {
    const resumes = count('resume');
    h.double.gateway.invalidSession(true);
    await h.double.gateway.whenConnected();
    expect(count('resume')).toBe(resumes + 1);
    await expectAnswered(search());
  });

  it('INVALID SESSION, not resumable: the bot identifies anew and answers the next command', async () => {
    const [identifies, session] = [count('identify'), h.double.gateway.sessionId];
    h.double.gateway.invalidSession(false);
    await h.double.gateway.whenConnected();
    expect(count('identify')).toBe(identifies + 1);
    expect(h.double.gateway.sessionId).not.toBe(session);
    await expectAnswered(search());
  });
});

describe('the contract with Discord', () => {
  it('sent nothing Discord would reject; no interaction was acknowledged twice or too late', () => {
    expect(h.double.problems()).toEqual([]);
    for (const i of h.double.ledger.interactions.values()) {
      expect(i.acks.length).toBeLessThanOrEqual(1);
      // The only refusal allowed: a retry of an acknowledgement Discord had received (a 500 after the fact).
      expect(i.refused.filter((r) => r.code !== 40060)).toEqual([]);
    }
  });
});
