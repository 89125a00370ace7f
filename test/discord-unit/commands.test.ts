import { ApplicationCommandOptionType, ApplicationIntegrationType, InteractionContextType, PermissionFlagsBits } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/answers/catalog.ts';
import { COMMAND_MODULES, commandBodies } from '../../src/discord/commands.ts';
import { LIMITS } from '../../src/limits.ts';
import { SPEC_AVAILABLE, SpecValidator } from '../discord/double/spec.ts';

const bodies = commandBodies();
const byName = new Map(bodies.map((b) => [b.name, b]));
type Opt = { name: string; type: number; required?: boolean; max_length?: number; autocomplete?: boolean };

describe('command declarations', () => {
  it('declares every command of the catalog, plus the moderators\' /refresh, /articles and /feeds, once each', () => {
    expect(bodies.map((b) => b.name).sort()).toEqual([...COMMANDS.map((c) => c.name), 'refresh', 'articles', 'feeds'].sort());
    for (const m of COMMAND_MODULES) {
      expect(['none', 'ephemeral', 'public']).toContain(m.defer);
      expect(['questions', 'none']).toContain(m.cooldown);
      expect(typeof m.execute).toBe('function');
    }
  });

  it('user commands: their argument (max_length = the input limit), a hide option, usable everywhere', () => {
    for (const spec of COMMANDS) {
      const body = byName.get(spec.name)!;
      const options = (body.options ?? []) as Opt[];
      expect(body.contexts).toEqual([InteractionContextType.Guild, InteractionContextType.BotDM, InteractionContextType.PrivateChannel]);
      expect(body.integration_types).toEqual([ApplicationIntegrationType.GuildInstall, ApplicationIntegrationType.UserInstall]);
      expect(body.default_member_permissions).toBeUndefined();
      const hide = options.find((o) => o.name === 'hide');
      expect(hide).toMatchObject({ type: ApplicationCommandOptionType.Boolean });
      expect(hide?.required).toBeFalsy();
      if (spec.argument) {
        expect(options[0]).toMatchObject({ name: spec.argument.name, type: ApplicationCommandOptionType.String, required: spec.argument.required, max_length: LIMITS.maxInputLength });
      } else {
        expect(options.map((o) => o.name)).toEqual(['hide']);
      }
    }
    expect(((byName.get('who')!.options ?? []) as Opt[])[0]?.autocomplete).toBe(true);
    expect(((byName.get('search')!.options ?? []) as Opt[])[0]?.autocomplete).toBeFalsy();
  });

  it.each(['refresh', 'articles', 'feeds'])('/%s: Manage Server by default, servers only, guild install, deferred, exempt from the question limit', (name) => {
    const body = byName.get(name)!;
    expect(body.default_member_permissions).toBe(Number(PermissionFlagsBits.ManageGuild));
    expect(body.contexts).toEqual([InteractionContextType.Guild]);
    expect(body.integration_types).toEqual([ApplicationIntegrationType.GuildInstall]);
    const mod = COMMAND_MODULES.find((m) => m.data.name === name)!;
    expect(mod.defer).toBe('ephemeral');
    expect(mod.cooldown).toBe('none');
    for (const m of COMMAND_MODULES.filter((x) => !['refresh', 'articles', 'feeds'].includes(x.data.name))) expect(m.cooldown).toBe('questions');
  });

  it.skipIf(!SPEC_AVAILABLE)('the bulk bodies are what Discord’s OpenAPI description accepts, for a guild and globally', () => {
    const spec = new SpecValidator();
    const json = JSON.parse(JSON.stringify(bodies));
    expect(spec.validate('PUT', '/applications/111111111111111111/guilds/222222222222222222/commands', json)).toEqual([]);
    expect(spec.validate('PUT', '/applications/111111111111111111/commands', json)).toEqual([]);
    // The validator is not a rubber stamp: a string permission (what the builder holds) is refused.
    const bad = json.map((b: Record<string, unknown>) => (b.name === 'refresh' ? { ...b, default_member_permissions: '32' } : b));
    expect(spec.validate('PUT', '/applications/111111111111111111/commands', bad)).not.toEqual([]);
  });
});
