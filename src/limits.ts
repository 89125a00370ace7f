/**
 * Every limit the bot enforces, in one place. Discord's own limits are documented at
 * https://discord.com/developers/docs/resources/message and …/interactions/application-commands.
 */
export const LIMITS = {
  /** Longest question or option value the bot accepts; longer input is refused with this figure. */
  maxInputLength: 500,
  /** Longest article file read; a larger file is skipped with a warning. */
  maxArticleBytes: 10 * 1024 * 1024,
  /** Intake: the largest page or feed fetched, the largest uploaded file, the time one fetch may take, redirects followed. */
  maxPageBytes: 5 * 1024 * 1024,
  maxUploadBytes: 2 * 1024 * 1024,
  fetchTimeoutMs: 20_000,
  maxRedirects: 5,
  /** Items an answer carries at most (the front ends paginate them). */
  maxItems: 50,
  /** Quotes a plain question is answered with. */
  askItems: 5,
} as const;

/**
 * How many items the front ends (console, Discord) ask an answer for: every one, which they page
 * through (every person of /who, every article of /sources), except ranked search results, where
 * those past the first LIMITS.maxItems are noise.
 */
export function frontEndLimit(command: string): number {
  return command === 'search' ? LIMITS.maxItems : Number.POSITIVE_INFINITY;
}

/** Discord's hard limits on what one message may carry. */
export const DISCORD_LIMITS = {
  content: 2000,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  embedFooter: 2048,
  embedAuthor: 256,
  embedTotal: 6000,
  embedsPerMessage: 10,
  /** An autocomplete response carries at most this many choices… */
  autocompleteChoices: 25,
  /** …each with a name and a value of at most 100 characters. */
  choiceName: 100,
  choiceValue: 100,
  /** Page buttons' custom ids carry the page number in at most this many digits (see pagination.ts). */
  maxPages: 9999,
  optionValue: 6000,
  /** Discord drops an interaction not acknowledged within this many milliseconds. */
  ackMs: 3000,
  /** An interaction token is valid for this long (follow-ups, edits). */
  tokenLifetimeMs: 15 * 60 * 1000,
  /** Largest file a bot may attach to a message (an unboosted server's upload limit, 10 MiB): a picture is rendered smaller past it. */
  attachmentBytes: 10 * 1024 * 1024,
} as const;
