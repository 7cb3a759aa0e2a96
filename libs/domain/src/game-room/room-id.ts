const alphabet = 'bcdfghjklmnpqrstvwxz2456789';

/**
 * A room id as Maestro makes them: the scheduler name (cut to 57 characters, one less than Maestro so the
 * id fits a 63-character label value), a dash and 5 random
 * characters from Kubernetes' name alphabet (lowercase consonants and digits), so the id is also a
 * valid pod name. Randomness comes in as a function returning [0, 1).
 */
export function newRoomId(schedulerName: string, random: () => number): string {
  let suffix = '';
  for (let index = 0; index < 5; index++) suffix += alphabet[Math.floor(random() * alphabet.length)] ?? 'x';
  return `${schedulerName.slice(0, 57)}-${suffix}`;
}
