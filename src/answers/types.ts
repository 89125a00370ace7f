/**
 * The answer model: what every question produces, whatever front end shows it. No Discord (or
 * terminal) type appears here. Every item carries `quote`, a sentence copied exactly from an article,
 * and `source`, that article's file name; the rest are command-specific fields.
 */

/** A sentence by its place, as the derived answers store it: `index.articles.get(file)!.sentences[sentence]`. */
export interface SentenceRef {
  file: string;
  sentence: number;
}

/**
 * How much an answer may carry. Front ends leave it at the default (`LIMITS.maxItems` items, which
 * they page through); scripts and evaluation pass `limit: Infinity` (`ask --all`) to get everything.
 */
export interface AnswerOptions {
  limit?: number;
}

export type CommandName = 'search' | 'ask' | 'who' | 'casualties' | 'timeline' | 'sources' | 'help';

export interface QuoteRef {
  quote: string;
  source: string;
}

export interface SearchItem extends QuoteRef {
  /** Other articles that carry the very same sentence. */
  alsoIn?: string[];
}

export interface SourceItem extends QuoteRef {
  title: string | null;
  outlet: string | null;
  published: string | null;
  sentences: number;
}

export interface HelpItem {
  command: string;
  usage: string;
  description: string;
  /** A line to try, e.g. "/search election results". */
  example?: string;
}

export interface WhoListItem extends QuoteRef {
  name: string;
  role: string | null;
  mentions: number;
}

export interface WhoItem extends QuoteRef {
  name: string;
}

/** A sentence stating a toll, with its article's publication date. */
export interface CasualtySource extends QuoteRef {
  published: string | null;
}

export interface CasualtyItem extends QuoteRef {
  /** null when the text gives no exact figure ("hundreds") or none at all. */
  killed: number | null;
  wounded: number | null;
  atLeast: boolean;
  /** The figures as written, with their qualifier: "At least 44", "hundreds", "Twenty-five". */
  killedText: string | null;
  woundedText: string | null;
  /** The sentences say nobody was killed or hurt ("No deaths were reported"): not a toll of zero. */
  noCasualties: boolean;
  event: string | null;
  date: string | null;
  /** When the toll was first reported (the earliest publication date of its sources): tolls of one event are listed oldest report first. */
  published: string | null;
  /** Every sentence that states this toll, the first one included. */
  sources: CasualtySource[];
}

export interface TimelineItem extends QuoteRef {
  date: string;
  dateText: string;
  /** The same event told by other articles. */
  alsoIn?: QuoteRef[];
}

interface Base<C extends CommandName, I> {
  command: C;
  query: string;
  items: I[];
  /** Set when nothing was found, or to say something about the items (e.g. "Did you mean …"). */
  message?: string;
  /** Nearest known names, for an unknown /who name. */
  suggestions?: string[];
}

export type Answer =
  | Base<'search', SearchItem>
  | Base<'ask', SearchItem | WhoItem | CasualtyItem | TimelineItem>
  | Base<'who', WhoListItem | WhoItem>
  | Base<'casualties', CasualtyItem>
  | Base<'timeline', TimelineItem>
  | Base<'sources', SourceItem>
  | Base<'help', HelpItem>;

/** A bad input: unknown command, empty, too long. The front ends show `error` as is. */
export interface InputError {
  error: string;
}

export type Reply = Answer | InputError;
