/**
 * Kubernetes 1.28's OS-specific pod rules (ValidatePodSpec: validateOS,
 * validateLinux, validateWindows, validateWindowsHostProcessPod), which Kruise
 * applies to every pod template it validates: found missing by the audit
 * against the upstream validation, checked here through CloneSet admission.
 */
import { admit } from '../../../src/admission/engine';

const labels = { app: 'web' };
function cloneSet(spec: any): any {
  return { apiVersion: 'apps.kruise.io/v1alpha1', kind: 'CloneSet', metadata: { name: 'web', namespace: 'default' }, spec: { selector: { matchLabels: labels }, template: { metadata: { labels }, spec } } };
}
const c = (x: any = {}) => ({ name: 'app', image: 'mcr.microsoft.com/windows/nanoserver:ltsc2022', ...x });
const P = 'spec.template.spec';
function errorPaths(spec: any, version = '1.7'): string[] {
  return admit(cloneSet(spec), { version }).filter(f => f.severity === 'error').map(f => f.path);
}

describe('os.name', () => {
  test('an os without a name is denied (validateOS: required)', () => {
    expect(errorPaths({ containers: [c()], os: {} })).toEqual([`${P}.os.name`]);
  });
  test('linux and windows are admitted', () => {
    expect(errorPaths({ containers: [c()], os: { name: 'linux' } })).toEqual([]);
    expect(errorPaths({ containers: [c()], os: { name: 'windows' } })).toEqual([]);
  });
});

describe('a linux pod (validateLinux)', () => {
  test('denies windowsOptions on the pod and on its containers', () => {
    expect(errorPaths({
      os: { name: 'linux' },
      securityContext: { windowsOptions: { runAsUserName: 'ContainerUser' } },
      initContainers: [c({ name: 'init', securityContext: { windowsOptions: { runAsUserName: 'x' } } })],
      containers: [c({ securityContext: { windowsOptions: { runAsUserName: 'x' } } })],
    })).toEqual([`${P}.securityContext.windowsOptions`, `${P}.initContainers[0].securityContext.windowsOptions`, `${P}.containers[0].securityContext.windowsOptions`]);
  });
  test('admits windowsOptions when os is not set (nothing says the pod is linux)', () => {
    expect(errorPaths({ containers: [c({ securityContext: { windowsOptions: { runAsUserName: 'x' } } })] })).toEqual([]);
  });
});

describe('a windows pod (validateWindows)', () => {
  test('admits what Windows pods use: windowsOptions, hostNetwork, resources, probes', () => {
    expect(errorPaths({
      os: { name: 'windows' },
      nodeSelector: { 'kubernetes.io/os': 'windows' },
      securityContext: { windowsOptions: { gmsaCredentialSpecName: 'webapp-gmsa', runAsUserName: 'ContainerUser' } },
      containers: [c({ resources: { limits: { cpu: '1', memory: '800Mi' } }, readinessProbe: { tcpSocket: { port: 80 } }, securityContext: { windowsOptions: { runAsUserName: 'ContainerAdministrator' } } })],
    })).toEqual([]);
  });
  test('denies the Linux-only pod fields, present at all (even false)', () => {
    expect(errorPaths({
      os: { name: 'windows' },
      hostPID: true,
      hostIPC: true,
      hostUsers: true,
      shareProcessNamespace: false,
      securityContext: {
        seLinuxOptions: { level: 's0' },
        seccompProfile: { type: 'RuntimeDefault' },
        fsGroup: 1,
        fsGroupChangePolicy: 'Always',
        sysctls: [{ name: 'kernel.shm_rmid_forced', value: '1' }],
        runAsUser: 1,
        runAsGroup: 1,
        supplementalGroups: [],
      },
      containers: [c()],
    }).sort()).toEqual([
      `${P}.hostIPC`, `${P}.hostPID`, `${P}.hostUsers`, `${P}.securityContext.fsGroup`, `${P}.securityContext.fsGroupChangePolicy`,
      `${P}.securityContext.runAsGroup`, `${P}.securityContext.runAsUser`, `${P}.securityContext.seLinuxOptions`, `${P}.securityContext.seccompProfile`,
      `${P}.securityContext.supplementalGroups`, `${P}.securityContext.sysctls`, `${P}.shareProcessNamespace`,
    ].sort());
  });
  test('denies the Linux-only container fields in init and regular containers', () => {
    const sc = { seLinuxOptions: {}, seccompProfile: { type: 'RuntimeDefault' }, capabilities: {}, readOnlyRootFilesystem: false, privileged: false, allowPrivilegeEscalation: false, procMount: 'Default', runAsUser: 1, runAsGroup: 1 };
    const paths = errorPaths({ os: { name: 'windows' }, initContainers: [c({ name: 'init', securityContext: sc })], containers: [c({ securityContext: { runAsUser: 5 } })] });
    expect(paths).toEqual([...Object.keys(sc).map(k => `${P}.initContainers[0].securityContext.${k}`), `${P}.containers[0].securityContext.runAsUser`]);
  });
  test('hostPID and hostIPC false are admitted (only true is refused)', () => {
    expect(errorPaths({ os: { name: 'windows' }, hostPID: false, hostIPC: false, containers: [c()] })).toEqual([]);
  });
  test('from Kruise 1.8 (Kubernetes 1.30) appArmorProfile is refused too (core, with the 1.8 options)', () => {
    const spec = { os: { name: 'windows' }, securityContext: { appArmorProfile: { type: 'RuntimeDefault' } }, containers: [c({ securityContext: { appArmorProfile: { type: 'RuntimeDefault' } } })] };
    expect(errorPaths(spec, '1.8')).toEqual([`${P}.securityContext.appArmorProfile`, `${P}.containers[0].securityContext.appArmorProfile`]);
  });
});

describe('Windows hostProcess pods (validateWindowsHostProcessPod)', () => {
  const hp = (v: boolean) => ({ windowsOptions: { hostProcess: v } });
  test('admits hostProcess containers on the host network, set on the pod or on every container', () => {
    expect(errorPaths({ os: { name: 'windows' }, hostNetwork: true, securityContext: hp(true), containers: [c(), c({ name: 'b' })] })).toEqual([]);
    expect(errorPaths({ hostNetwork: true, containers: [c({ securityContext: hp(true) }), c({ name: 'b', securityContext: hp(true) })] })).toEqual([]);
  });
  test('denies hostProcess without hostNetwork', () => {
    expect(errorPaths({ containers: [c({ securityContext: hp(true) })] })).toEqual([`${P}.hostNetwork`]);
  });
  test('denies a mix of hostProcess and other containers', () => {
    expect(errorPaths({ hostNetwork: true, containers: [c({ securityContext: hp(true) }), c({ name: 'b' })] })).toEqual([P]);
  });
  test('denies a container hostProcess that contradicts the pod', () => {
    expect(errorPaths({ hostNetwork: true, securityContext: hp(true), containers: [c(), c({ name: 'b', securityContext: hp(false) })] }))
      .toEqual([`${P}.containers[1].securityContext.windowsOptions.hostProcess`, P]);
  });
  test('hostProcess false everywhere is no hostProcess pod', () => {
    expect(errorPaths({ securityContext: hp(false), containers: [c({ securityContext: hp(false) })] })).toEqual([]);
  });
});

describe('Windows security context options (validateWindowsSecurityContextOptions)', () => {
  const withOptions = (windowsOptions: any) => ({ containers: [c({ securityContext: { windowsOptions } })] });
  const W = `${P}.containers[0].securityContext.windowsOptions`;
  test.each([
    ['ContainerUser'],
    ['ContainerAdministrator'],
    ['NT AUTHORITY\\NETWORK SERVICE'],
    ['CONTOSO\\svc-web'],
    ['contoso.example.com\\svc_web.1'],
    ['u'.repeat(104)],
  ])('admits runAsUserName %j', name => {
    expect(errorPaths(withOptions({ runAsUserName: name }))).toEqual([]);
  });
  test.each([
    ['', 'empty'],
    ['a\\b\\c', 'two backslashes'],
    ['user\u0007', 'a control character'],
    ['CONTOSO\\', 'an empty user'],
    ['u'.repeat(105), 'a user of 105 characters'],
    ['...', 'a user of only periods'],
    ['a@b', 'an @ in the user'],
    ['dom:ain\\user', 'a domain that is neither NetBIOS nor DNS'],
    ['.hidden\\user', 'a NetBIOS-looking domain starting with a dot'],
  ])('denies runAsUserName %j (%s)', name => {
    expect(errorPaths(withOptions({ runAsUserName: name }))).toEqual([`${W}.runAsUserName`]);
  });
  test('the pod-level options are checked too', () => {
    expect(errorPaths({ securityContext: { windowsOptions: { runAsUserName: '' } }, containers: [c()] })).toEqual([`${P}.securityContext.windowsOptions.runAsUserName`]);
  });
  test('gmsaCredentialSpecName must be a DNS-1123 subdomain; gmsaCredentialSpec must be non-empty and under 64 KiB', () => {
    expect(errorPaths(withOptions({ gmsaCredentialSpecName: 'webapp-gmsa', gmsaCredentialSpec: '{"CmsPlugins":["ActiveDirectory"]}' }))).toEqual([]);
    expect(errorPaths(withOptions({ gmsaCredentialSpecName: 'WebApp_GMSA' }))).toEqual([`${W}.gmsaCredentialSpecName`]);
    expect(errorPaths(withOptions({ gmsaCredentialSpec: '' }))).toEqual([`${W}.gmsaCredentialSpec`]);
    expect(errorPaths(withOptions({ gmsaCredentialSpec: 'x'.repeat(64 * 1024 + 1) }))).toEqual([`${W}.gmsaCredentialSpec`]);
  });
});
