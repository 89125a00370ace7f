import { queryTerms } from '../../nlp/terms.ts';

/**
 * Words that news uses for one another: a question says "died", the article "were killed"; "quake"
 * and "earthquake"; "faces" and "against". Each group is general English of news reporting, not of
 * any article. Matched through the same normalisation as sentences (lemma, then stem).
 */
const GROUPS = `
die dead death kill killed fatal perish fatality toll
wounded injure injury hurt casualty
quake earthquake tremor temblor
arrest detain custody apprehend capture
attack assault raid strike
bomb bombing blast explosion explode
shoot shooting gunman gunfire
buy purchase acquire acquisition
sell sale
win victory beat triumph
lose loss defeat
child children kid youngster
plane aircraft jet airliner flight
car vehicle
ship vessel boat
police officer cop
soldier troop military army
doctor physician
election vote poll ballot
charge accuse indict
jail prison imprison sentence
start begin launch
rise increase grow gain climb jump
fall decline drop decrease slide plunge
talk negotiation discussion
meet meeting summit
protest demonstration rally protester demonstrator
storm hurricane cyclone typhoon blizzard snowstorm
fire blaze
flood flooding
film movie
marry wedding married
ill sick illness disease
lawyer attorney
kidnap abduct hostage
rescue save
missing disappear vanish
face against versus
leave quit resign depart
job work employment
home house
boss chief head
money fund cash
teen teenager adolescent
hospital clinic
suspect accused
crash collide collision
country nation
study research report survey
law legislation bill
ban prohibit
ceo executive chairman
rebel insurgent militant
gunman shooter killer
company firm
deal agreement accord pact
lawmaker legislator congressman senator
sue lawsuit
steal theft rob robbery
flee escape
fight battle clash combat
nuclear atomic
drug narcotic
economy economic
award prize
wife spouse
plan proposal
murder homicide
throw hurl toss
want seek demand
help aid assist
build construct
find discover uncover
show reveal
give donate
try attempt
urge call
stop halt
allow permit
need require
receive get obtain
hit strike
happen occur
dismiss sack oust
hire employ recruit
appoint name nominate
claim allege
destroy damage wreck
close shut
open launch
warn caution
threaten threat
investigate probe inquiry
agree accept
reject refuse deny
say tell
vote referendum
cancer tumor
rule ruling verdict
`;

let bySynonym: Map<string, string[]> | undefined;

/** The terms that stand for the same thing as `term` (itself excluded), as normalised terms. */
export function synonymsOf(term: string): string[] {
  if (!bySynonym) {
    bySynonym = new Map();
    for (const line of GROUPS.trim().split('\n')) {
      const terms = [...new Set(line.trim().split(/\s+/).flatMap((w) => queryTerms(w)))];
      for (const t of terms) {
        const others = terms.filter((o) => o !== t);
        bySynonym.set(t, [...new Set([...(bySynonym.get(t) ?? []), ...others])]);
      }
    }
  }
  return bySynonym.get(term) ?? [];
}
