import { LoggingFormat } from '../../src';
import { managerContainer, synthKruise, synthValues } from '../util/install';

describe('kruise-manager logging', () => {
  test('--logging-format only when set, after --sync-period, like the chart', () => {
    expect(managerContainer(synthKruise()).args.some((a: string) => a.startsWith('--logging-format'))).toBe(false);
    const json = managerContainer(synthKruise({ manager: { loggingFormat: LoggingFormat.JSON, logLevel: 3 } })).args;
    expect(json.slice(-3)).toEqual(['--feature-gates=ImagePullJobGate=true', '--sync-period=0', '--logging-format=json']);
    expect(json).toContain('--v=3');
    expect(managerContainer(synthKruise({ manager: { loggingFormat: LoggingFormat.TEXT } })).args).toContain('--logging-format=text');
  });

  test('chart values: "" renders no flag, text/json render it, anything else is an error', () => {
    expect(managerContainer(synthValues({ manager: { loggingFormat: '' } })).args.some((a: string) => a.startsWith('--logging-format'))).toBe(false);
    expect(managerContainer(synthValues({ manager: { loggingFormat: 'json', log: { level: '3' } } })).args).toEqual(expect.arrayContaining(['--logging-format=json', '--v=3']));
    expect(() => synthValues({ manager: { loggingFormat: 'yaml' } })).toThrow('values: manager.loggingFormat "yaml": is not a logging format; use "text", "json" or "" (no flag)');
    expect(() => synthValues({ manager: { log: { level: 'debug' } } })).toThrow(/values: manager.log.level "debug": is a string; use a log level from 0 to 10, e.g. "4"/);
    expect(() => synthKruise({ manager: { loggingFormat: 'xml' as any } })).toThrow(/Manager: loggingFormat "xml": is not a logging format; use LoggingFormat.TEXT or LoggingFormat.JSON/);
  });

  test('the daemon log level is the chart\'s hard-coded 4; daemon.log.level is accepted without effect', () => {
    const r = synthValues({ daemon: { log: { level: '2' } } });
    expect(r.one('DaemonSet').spec.template.spec.containers[0].args).toContain('--v=4');
  });
});
