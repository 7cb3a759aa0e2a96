import { eventCatalogue } from '@maestro/contracts';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const repoRoot = resolve(__dirname, '../../..');

/** Rows of the events table in docs/events.md: `| `Type` | version | `topic` | …`. */
function documentedEvents(): { type: string; version: number; topic: string }[] {
  const markdown = readFileSync(join(repoRoot, 'docs/events.md'), 'utf8');
  return [
    ...markdown.matchAll(
      /^\|\s*`(?<type>[A-Z]\w+)`\s*\|\s*(?<version>\d+)\s*\|\s*`(?<topic>[a-z-]+)`\s*\|/gm,
    ),
  ].map((match) => ({
    type: match.groups!.type!,
    version: Number(match.groups!.version),
    topic: match.groups!.topic!,
  }));
}

describe('event catalogue documentation', () => {
  it('lists every published event with its version and topic, and nothing else', () => {
    const inCode = eventCatalogue
      .map(({ type, version, topic }) => ({ type, version, topic }))
      .sort((a, b) => a.type.localeCompare(b.type));
    const inDocs = documentedEvents().sort((a, b) => a.type.localeCompare(b.type));
    expect(inDocs).toEqual(inCode);
  });
});
