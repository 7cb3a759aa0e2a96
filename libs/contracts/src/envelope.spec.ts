import { type EventEnvelope, fromCloudEventHeaders, toCloudEventHeaders } from './envelope';

const envelope: EventEnvelope<{ name: string }> = {
  id: '0b6e1f4e-8d5a-4c1b-9f0e-1d2c3b4a5f60',
  type: 'SchedulerCreated',
  schemaVersion: 1,
  source: 'maestro/management-api',
  subject: 'my-scheduler',
  time: '2026-11-27T10:00:00.000Z',
  data: { name: 'my-scheduler' },
};

describe('CloudEvents envelope', () => {
  it('carries every attribute in headers and reads them back unchanged', () => {
    const headers = toCloudEventHeaders(envelope);
    expect(headers.ce_specversion).toBe('1.0');
    expect(fromCloudEventHeaders(headers, envelope.data)).toEqual(envelope);
  });

  it('refuses a message whose headers lack an attribute', () => {
    const headers: Partial<Record<string, string>> = { ...toCloudEventHeaders(envelope) };
    delete headers.ce_type;
    expect(fromCloudEventHeaders(headers, envelope.data)).toBeUndefined();
  });

  it('refuses a schema version that is not a positive integer', () => {
    const headers = { ...toCloudEventHeaders(envelope), ce_schemaversion: 'x' };
    expect(fromCloudEventHeaders(headers, envelope.data)).toBeUndefined();
  });
});
