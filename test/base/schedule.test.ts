import { cronScheduleProblem, goDurationProblem } from '../../src/base/schedule';
import { loadLocationProblem, timeZoneProblem } from '../../src/base/time-zone';

describe('cronScheduleProblem (robfig/cron v3 ParseStandard)', () => {
  test.each([
    '*/5 * * * *', '0 0 1 1 *', '0,15,30,45 8-18 * * mon-fri', '5/15 * ? JAN,jul SUN', '*-9 * * * *', ', * * * *',
    '+5 * * * *', '@hourly', '@every 1h30m', '@every -1s', '@every +0', '@every 1.5h', '@every .5s',
    'TZ=Asia/Shanghai 0 8 * * *', 'CRON_TZ=UTC @daily', 'TZ=Local 0 * * * *', 'TZ= 0 * * * *', '*/99999 * * * *',
  ])('accepts %j', schedule => {
    expect(cronScheduleProblem(schedule)).toBeUndefined();
  });

  test.each([
    ['', 'the schedule is empty'],
    ['0 * * * * *', 'expected exactly 5 fields (minute hour day-of-month month day-of-week), found 6'],
    ['* * * * 7', '7 is above the maximum 6 of the day of week field'],
    ['*/99999999999999999999 * * * *', '99999999999999999999 is out of range in the minute field'],
    ['TZ=asia/shanghai 0 * * * *', "bad time zone 'asia/shanghai': IANA names are case-sensitive; did you mean 'Asia/Shanghai'?"],
    ['TZ=UTC', 'a TZ= or CRON_TZ= prefix must be followed by a space and the schedule'],
    ['@every 1d', "'1d' is not a duration such as 90s, 5m or 1h30m"],
    ['@every 1hm', "'1hm' is not a duration such as 90s, 5m or 1h30m"],
    ['@every 1h ', "'1h ' is not a duration such as 90s, 5m or 1h30m"],
    ['@every 3000000h', "'3000000h' is longer than the longest Go duration (about 292 years)"],
  ])('rejects %j: %s', (schedule, problem) => {
    expect(cronScheduleProblem(schedule)).toBe(problem);
  });

  test('goDurationProblem: the sign, the lone zero, fractions without digits', () => {
    expect(goDurationProblem('-0')).toBeUndefined();
    expect(goDurationProblem('0s')).toBeUndefined();
    expect(goDurationProblem('1')).toBeDefined();
    expect(goDurationProblem('.h')).toBeDefined();
    expect(goDurationProblem('')).toBeDefined();
  });
});

describe('time zones', () => {
  test('timeZoneProblem (a timeZone field): empty and Local are rejected', () => {
    expect(timeZoneProblem('Europe/Berlin')).toBeUndefined();
    expect(timeZoneProblem('')).toBe('the time zone is empty');
    expect(timeZoneProblem('local')).toMatch(/Local/);
    expect(timeZoneProblem('Europe/Nowhere')).toBe('it is not an IANA time zone name');
  });
  test('loadLocationProblem (time.LoadLocation): empty, UTC and Local load; paths do not', () => {
    expect(loadLocationProblem('')).toBeUndefined();
    expect(loadLocationProblem('Local')).toBeUndefined();
    expect(loadLocationProblem('UTC')).toBeUndefined();
    expect(loadLocationProblem('Etc/GMT+5')).toBeUndefined();
    expect(loadLocationProblem('../etc/passwd')).toBe('it is not an IANA time zone name');
  });
});
