import { enumValues, member, operation, patternRegExp, SERVICES, validateShape } from '../helpers/model';

const CONFIG = 'com.amazonaws.kinesisvideo#ImageGenerationConfiguration';
const valid = {
  Status: 'ENABLED',
  ImageSelectorType: 'SERVER_TIMESTAMP',
  DestinationConfig: { Uri: 's3://bucket/prefix', DestinationRegion: 'us-east-1' },
  SamplingInterval: 3000,
  Format: 'JPEG',
  FormatConfig: { JPEGQuality: '80' },
};

describe('the generated model constraints', () => {
  test('hold the four services and the operations we call, with their HTTP bindings', () => {
    expect(Object.values(SERVICES).map((s) => s.endpointPrefix).sort()).toEqual(['ivsrealtime', 'kinesisvideo', 'media-pipelines-chime', 'voice-chime']);
    expect(operation('com.amazonaws.kinesisvideo#UpdateImageGenerationConfiguration').http).toEqual({ method: 'POST', uri: '/updateImageGenerationConfiguration', code: 200 });
    expect(operation('com.amazonaws.ivsrealtime#StartComposition').errors).toContain('com.amazonaws.ivsrealtime#ValidationException');
  });

  test('a model pattern no engine compiles (the voice ClientRequestId) constrains nothing instead of crashing', () => {
    expect(patternRegExp('^[-_a-zA-Z0-9]*${2,64}$').test('any token')).toBe(true);
    expect(patternRegExp('^[0-9]+$').test('12a')).toBe(false);
  });

  test('carry ranges, lengths, patterns and enums', () => {
    expect(member(CONFIG, 'WidthPixels').shape.range).toEqual({ min: 1, max: 3840 });
    expect(member(CONFIG, 'Status').required).toBe(true);
    expect(member('com.amazonaws.kinesisvideo#ImageGenerationDestinationConfig', 'Uri').shape.pattern).toBe('^[a-zA-Z_0-9]+:(//)?([^/]+)/?([^*]*)$');
    expect(enumValues('com.amazonaws.kinesisvideo#Format')).toEqual(['JPEG', 'PNG']);
  });
});

describe('validateShape', () => {
  test('accepts a valid value', () => {
    expect(validateShape(CONFIG, valid, 'c')).toEqual([]);
  });

  test('reports each violation with its path', () => {
    const problems = validateShape(CONFIG, {
      ...valid,
      Status: 'ON',
      DestinationConfig: { Uri: 'no-scheme' },
      WidthPixels: 0,
      HeightPixels: 1.5,
      FormatConfig: { JPEGQuality: '8 0', Other: 'x' },
      Extra: true,
    }, 'c');
    expect(problems).toEqual(expect.arrayContaining([
      'c.Extra: not a member of com.amazonaws.kinesisvideo#ImageGenerationConfiguration',
      'c.Status: "ON" is not one of ENABLED, DISABLED',
      'c.DestinationConfig.DestinationRegion: required',
      expect.stringMatching(/^c.DestinationConfig.Uri: "no-scheme" does not match/),
      'c.WidthPixels: 0 is below the minimum 1',
      'c.HeightPixels: expected an integer',
      'c.FormatConfig: length 2 is above the maximum 1',
      expect.stringMatching(/^c.FormatConfig.JPEGQuality: "8 0" does not match/),
    ]));
  });

  test('skips values the caller says to skip (tokens)', () => {
    expect(validateShape(CONFIG, { ...valid, Status: '${Token[X]}' }, 'c', (v) => typeof v === 'string' && v.startsWith('${Token'))).toEqual([]);
  });

  test('checks lists: length and unique items', () => {
    const problems = validateShape('com.amazonaws.ivsrealtime#StartCompositionRequest', { stageArn: 'arn:aws:ivs:us-east-1:123456789012:stage/abc', destinations: [] }, 'r');
    expect(problems).toEqual(['r.destinations: length 0 is below the minimum 1']);
  });
});

describe('patternRegExp', () => {
  test('compiles a pattern the u flag rejects (the Chime Arn escapes : and _) without it', () => {
    const arn = 'com.amazonaws.chimesdkmediapipelines#Arn';
    expect(() => new RegExp(member('com.amazonaws.chimesdkmediapipelines#StartSpeakerSearchTaskRequest', 'VoiceProfileDomainArn').shape.pattern!, 'u')).toThrow(SyntaxError);
    expect(patternRegExp('^arn[\\/\\:\\-\\_\\.a-zA-Z0-9]+$').test('arn:aws:chime:us-east-1:123456789012:voice-profile-domain/x_y')).toBe(true);
    expect(validateShape(arn, 'arn:aws:chime:us-east-1:123456789012:voice-profile-domain/abc', 'a')).toEqual([]);
    expect(validateShape(arn, 'not an arn', 'a')).toEqual([expect.stringMatching(/^a: "not an arn" does not match/)]);
  });

  test('keeps the u flag where the pattern allows it', () => {
    expect(patternRegExp('^\\p{L}+$').test('é')).toBe(true);
  });
});
