/* eslint-disable @typescript-eslint/no-require-imports -- kafkajs' protocol modules have no typings */

/**
 * kafkajs is patched (patches/kafkajs@2.2.4.patch): a record's headers are encoded into the record's
 * own buffer and decoded in one pass, and varints are written straight into the buffer. These tests
 * pin what the patch must not change: the bytes on the wire, and the headers object consumers get
 * (Buffers, repeated keys as arrays).
 */

interface KafkaEncoder {
  readonly buffer: Buffer;
  writeVarInt(value: number): KafkaEncoder;
  writeInt8(value: number): KafkaEncoder;
  writeVarLong(value: number): KafkaEncoder;
  writeVarIntBytes(value: Buffer | string | null): KafkaEncoder;
  writeVarIntArray(array: readonly KafkaEncoder[]): KafkaEncoder;
}

type Headers = Record<string, Buffer | string | (Buffer | string)[]>;

interface RecordInput {
  readonly key: Buffer | string;
  readonly value: Buffer | string;
  readonly headers: Headers;
  readonly offsetDelta?: number;
  readonly timestampDelta?: number;
}

interface DecodedRecord {
  readonly key: Buffer;
  readonly value: Buffer;
  readonly offset: string;
  readonly headers: Record<string, Buffer | Buffer[]>;
}

const protocol = 'kafkajs/src/protocol';
const Encoder = require(`${protocol}/encoder`) as {
  new (initialSize?: number): KafkaEncoder;
  sizeOfVarInt(value: number): number;
  sizeOfVarLong(value: number): number;
  sizeOfVarIntBytes(value: Buffer | string | null): number;
};
const Decoder = require(`${protocol}/decoder`) as new (buffer: Buffer) => {
  readVarIntBytes(): Buffer;
};
const encodeRecord = require(`${protocol}/recordBatch/record/v0`) as (record: RecordInput) => KafkaEncoder;
const decodeRecordBody = require(`${protocol}/recordBatch/record/v0/decoder`) as (
  decoder: InstanceType<typeof Decoder>,
  context: { firstOffset: string; firstTimestamp: string; magicByte: number },
) => DecodedRecord;
const encodeHeader = require(`${protocol}/recordBatch/header/v0`) as (header: {
  key: string;
  value: Buffer | string;
}) => KafkaEncoder;

/** The record as kafkajs 2.2.4 encoded it before the patch: one encoder per header, then copied. */
function unpatchedEncoding({ key, value, headers }: RecordInput): Buffer {
  const headerList = Object.entries(headers).flatMap(([name, values]) =>
    (Array.isArray(values) ? values : [values]).map((headerValue) => ({ key: name, value: headerValue })),
  );
  const headersSize = headerList.reduce((size, header) => {
    const keySize = Buffer.byteLength(header.key);
    const valueSize = Buffer.byteLength(header.value);
    return size + Encoder.sizeOfVarInt(keySize) + keySize + Encoder.sizeOfVarInt(valueSize) + valueSize;
  }, Encoder.sizeOfVarInt(headerList.length));
  const bodySize =
    1 +
    Encoder.sizeOfVarLong(0) +
    Encoder.sizeOfVarInt(0) +
    Encoder.sizeOfVarIntBytes(key) +
    Encoder.sizeOfVarIntBytes(value) +
    headersSize;
  return new Encoder()
    .writeVarInt(bodySize)
    .writeInt8(0)
    .writeVarLong(0)
    .writeVarInt(0)
    .writeVarIntBytes(key)
    .writeVarIntBytes(value)
    .writeVarIntArray(headerList.map(encodeHeader)).buffer;
}

function roundTrip(record: RecordInput): DecodedRecord {
  const body = new Decoder(encodeRecord(record).buffer).readVarIntBytes();
  return decodeRecordBody(new Decoder(body), { firstOffset: '41', firstTimestamp: '0', magicByte: 2 });
}

const cloudEventRecord: RecordInput = {
  key: 'arena',
  value: '{"schedulerName":"arena","roomId":"room-1","status":"ready"}',
  headers: {
    ce_id: '0f8e3c1e-7d4a-4b8e-9a51-2f0d5c6b7a89',
    ce_type: 'RoomPinged',
    ce_source: 'maestro/room-ping-ingest',
    ce_subject: 'arena',
    ce_time: '2026-12-06T06:00:00.000Z',
    ce_specversion: '1.0',
    ce_schemaversion: '1',
    'content-type': 'application/json',
  },
};

describe('kafkajs record codec (patched)', () => {
  it('encodes a record to the bytes unpatched kafkajs 2.2.4 wrote', () => {
    const record: RecordInput = {
      key: 'arena',
      value: '{"status":"ready"}',
      headers: { ce_type: 'RoomPinged', trace: ['a', 'b'] },
      offsetDelta: 300,
      timestampDelta: 70_000,
    };
    // Written by the unpatched kafkajs@2.2.4 from the same input.
    const unpatched =
      '860100e0c508d8040a6172656e61247b22737461747573223a227265616479227d060e63655f7479706514526f6f6d50' +
      '696e6765640a747261636502610a74726163650262';
    expect(encodeRecord(record).buffer.toString('hex')).toBe(unpatched);
  });

  it('writes zig-zag varints as the Kafka protocol defines them, edge values included', () => {
    const vectors: [number, string][] = [
      [0, '00'],
      [-1, '01'],
      [1, '02'],
      [63, '7e'],
      [64, '8001'],
      [-65, '8101'],
      [300, 'd804'],
      [2_147_483_647, 'feffffff0f'],
      [-2_147_483_648, 'ffffffff0f'],
    ];
    for (const [value, hex] of vectors)
      expect([value, new Encoder().writeVarInt(value).buffer.toString('hex')]).toEqual([value, hex]);
  });

  it('encodes a record to the same bytes as with one encoder per header', () => {
    expect(encodeRecord(cloudEventRecord).buffer).toEqual(unpatchedEncoding(cloudEventRecord));
    const withRepeats: RecordInput = {
      key: Buffer.from('k'),
      value: Buffer.alloc(600, 7),
      headers: { trace: ['a', 'b', 'c'], ünïcode: 'välue', empty: '' },
    };
    expect(encodeRecord(withRepeats).buffer).toEqual(unpatchedEncoding(withRepeats));
  });

  it('decodes every header as a Buffer, in order, with its key and value', () => {
    const decoded = roundTrip(cloudEventRecord);

    expect(decoded.key.toString()).toBe('arena');
    expect(decoded.value.toString()).toBe(cloudEventRecord.value);
    expect(decoded.offset).toBe('41');
    expect(Object.keys(decoded.headers)).toEqual(Object.keys(cloudEventRecord.headers));
    expect(
      Object.fromEntries(Object.entries(decoded.headers).map(([name, value]) => [name, String(value)])),
    ).toEqual(cloudEventRecord.headers);
    expect(Object.values(decoded.headers).every((value) => Buffer.isBuffer(value))).toBe(true);
  });

  it('decodes a repeated header as an array of its values, in order', () => {
    const decoded = roundTrip({ key: 'k', value: 'v', headers: { trace: ['a', 'b', 'c'], single: 'x' } });

    expect((decoded.headers.trace as Buffer[]).map(String)).toEqual(['a', 'b', 'c']);
    expect(String(decoded.headers.single)).toBe('x');
  });

  it('keeps a header named __proto__ as a header, not as the prototype', () => {
    const decoded = roundTrip({ key: 'k', value: 'v', headers: { ['__proto__']: 'x', after: 'y' } });

    expect(Object.getPrototypeOf(decoded.headers)).toBe(Object.prototype);
    expect(Object.keys(decoded.headers)).toEqual(['__proto__', 'after']);
    expect(String(Object.getOwnPropertyDescriptor(decoded.headers, '__proto__')?.value)).toBe('x');
  });
});
