import { ConfigError, loadConfig } from '../../../libs/application/src/app.config.js';

describe('EVIDENCE_MAX_MB', () => {
  it('defaults to 50 and takes an integer from the environment', () => {
    expect(loadConfig({}).EVIDENCE_MAX_MB).toBe(50);
    expect(loadConfig({ EVIDENCE_MAX_MB: '200' }).EVIDENCE_MAX_MB).toBe(200);
  });

  it.each(['0', 'ten', '1.5', '5000'])('stops start-up on %s, naming the setting', (value) => {
    expect(() => loadConfig({ EVIDENCE_MAX_MB: value })).toThrow(ConfigError);
    expect(() => loadConfig({ EVIDENCE_MAX_MB: value })).toThrow(/EVIDENCE_MAX_MB must be/);
  });
});
