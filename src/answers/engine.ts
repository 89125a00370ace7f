import type { CorpusIndex } from '../index/types.ts';
import { answerAsk } from './ask/index.ts';
import { answerCasualties } from './casualties.ts';
import { answerHelp } from './help.ts';
import { parseInput } from './parse.ts';
import { answerSearch } from './search.ts';
import { answerSources } from './sources.ts';
import { answerTimeline } from './timeline.ts';
import type { Answer, AnswerOptions, CommandName, Reply } from './types.ts';
import { answerWho } from './who.ts';

/** Answers one command with an already checked query. Pure: reads the index, changes nothing. */
export function answer(index: CorpusIndex, command: CommandName, query: string, opts: AnswerOptions = {}): Answer {
  switch (command) {
    case 'search':
      return answerSearch(index, query, opts);
    case 'ask':
      return answerAsk(index, query);
    case 'who':
      return answerWho(index, query, opts);
    case 'casualties':
      return answerCasualties(index, query, opts);
    case 'timeline':
      return answerTimeline(index, query, opts);
    case 'sources':
      return answerSources(index, query, opts);
    case 'help':
      return answerHelp();
  }
}

/** Answers one line as typed in the console or a DM: a command or a plain question. */
export function reply(index: CorpusIndex, input: string, opts: AnswerOptions = {}): Reply {
  const parsed = parseInput(input);
  if ('error' in parsed) return parsed;
  return answer(index, parsed.command, parsed.query, opts);
}
