import { isKubernetesPortName, kubernetesPortName, uniqueKubernetesPortNames } from './kubernetes-port-name';

describe('kubernetesPortName', () => {
  it.each([
    ['clientPort', 'clientport'],
    ['game', 'game'],
    ['client_port', 'client-port'],
    ['Client Port', 'client-port'],
    ['--udp--', 'udp'],
    ['a__b..c', 'a-b-c'],
    ['pórt', 'port'],
    ['http2', 'http2'],
    ['8080a', '8080a'],
    ['averyveryverylongportname', 'averyveryverylo'],
    // Cut at 15, the trailing hyphen goes too.
    ['abcdefghijklmn_op', 'abcdefghijklmn'],
  ])('turns %j into %j', (name, expected) => {
    expect(kubernetesPortName(name)).toBe(expected);
    expect(isKubernetesPortName(expected)).toBe(true);
  });

  it.each(['', '8080', '___', '日本', '123456789012345a'])(
    'gives nothing for %j, where no valid name can be made',
    (name) => {
      expect(kubernetesPortName(name)).toBeUndefined();
    },
  );
});

describe('isKubernetesPortName (IANA_SVC_NAME)', () => {
  it.each(['game', 'client-port', 'a1', '1a', 'abcdefghijklmno'])('accepts %j', (name) => {
    expect(isKubernetesPortName(name)).toBe(true);
  });

  it.each(['', 'clientPort', '-game', 'game-', 'client--port', '8080', 'abcdefghijklmnop', 'a_b'])(
    'refuses %j',
    (name) => {
      expect(isKubernetesPortName(name)).toBe(false);
    },
  );
});

describe('uniqueKubernetesPortNames', () => {
  it('keeps names Kubernetes takes as they are', () => {
    expect(uniqueKubernetesPortNames(['game', 'http'])).toEqual(['game', 'http']);
  });

  it('numbers the names that become equal, in order, and the same every time', () => {
    const names = ['clientPort', 'clientport', 'ClientPort', 'metrics'];
    expect(uniqueKubernetesPortNames(names)).toEqual([
      'clientport',
      'clientport-2',
      'clientport-3',
      'metrics',
    ]);
    expect(uniqueKubernetesPortNames(names)).toEqual(uniqueKubernetesPortNames(names));
  });

  it('cuts a long name to make room for its number', () => {
    expect(uniqueKubernetesPortNames(['averyverylongname', 'aVeryVeryLongName'])).toEqual([
      'averyverylongna',
      'averyverylong-2',
    ]);
  });

  it('does not give a number that a later spec name holds already, nor one an earlier port took', () => {
    expect(uniqueKubernetesPortNames(['game', 'Game', 'game-2'])).toEqual(['game', 'game-2', 'game-2-2']);
  });

  it('leaves unnamed a port with nothing valid in its name, or whose number would leave no letter', () => {
    expect(uniqueKubernetesPortNames(['8080', 'game', '12345678901234a', '12345678901234A'])).toEqual([
      undefined,
      'game',
      '12345678901234a',
      undefined,
    ]);
  });

  it('produces only valid, distinct names', () => {
    const names = uniqueKubernetesPortNames(['a', 'A', 'a-2', 'a_2', 'A-2', 'a--2', 'a 3', 'a-3']).filter(
      (name): name is string => name !== undefined,
    );
    expect(names.every(isKubernetesPortName)).toBe(true);
    expect(new Set(names).size).toBe(names.length);
  });
});
