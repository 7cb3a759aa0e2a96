/** Kubernetes' IANA_SVC_NAME limit on a container port name. */
const MAX_PORT_NAME_LENGTH = 15;

/**
 * Whether Kubernetes accepts `name` as a container port name (IANA_SVC_NAME): 1–15 characters of
 * a-z, 0-9 and '-', at least one letter, no hyphen at either end nor two in a row.
 */
export function isKubernetesPortName(name: string): boolean {
  return name.length <= MAX_PORT_NAME_LENGTH && /^[a-z0-9]+(-[a-z0-9]+)*$/.test(name) && /[a-z]/.test(name);
}

/**
 * The name Kubernetes will take for a scheduler's port name: lower-cased, accents dropped, every
 * run of other characters made one hyphen, cut to 15 characters (`clientPort` → `clientport`,
 * `client_port` → `client-port`). Undefined when nothing valid is left (say, `8080` or `--`): the
 * container port then goes unnamed, which Kubernetes allows.
 */
export function kubernetesPortName(name: string): string | undefined {
  const cleaned = trimHyphens(
    name
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-'),
  );
  const candidate = trimHyphens(cleaned.slice(0, MAX_PORT_NAME_LENGTH));
  return isKubernetesPortName(candidate) ? candidate : undefined;
}

/**
 * Kubernetes names for the ports of one pod, in order: each `kubernetesPortName`, with `-2`, `-3`…
 * on a name already given to an earlier port (`clientPort` and `clientport` are one name to
 * Kubernetes, which wants them unique). The same names always give the same result.
 */
export function uniqueKubernetesPortNames(names: readonly string[]): (string | undefined)[] {
  const taken = new Set<string>();
  return names.map((name) => {
    const base = kubernetesPortName(name);
    const unique = base === undefined ? undefined : firstFree(base, taken);
    if (unique !== undefined) taken.add(unique);
    return unique;
  });
}

function firstFree(base: string, taken: ReadonlySet<string>): string | undefined {
  if (!taken.has(base)) return base;
  // Of these `taken.size` candidates at most `taken.size - 1` can be taken (base is one of them).
  for (let n = 2; n <= taken.size + 1; n++) {
    const suffix = `-${n}`;
    const candidate = `${trimHyphens(base.slice(0, MAX_PORT_NAME_LENGTH - suffix.length))}${suffix}`;
    if (!taken.has(candidate) && isKubernetesPortName(candidate)) return candidate;
  }
  // Cutting room for the suffix left no letter (`12345678901234a`): the port goes unnamed.
  return undefined;
}

function trimHyphens(name: string): string {
  return name.replace(/^-+|-+$/g, '');
}
