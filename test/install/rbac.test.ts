import { FeatureGate } from '../../src';
import { synthKruise } from '../util/install';

describe('KruiseRbac', () => {
  test('the chart\'s service accounts, roles and bindings, in order', () => {
    const r = synthKruise();
    const rbacKinds = ['ServiceAccount', 'ClusterRole', 'Role', 'ClusterRoleBinding', 'RoleBinding'];
    expect(r.manifests.filter(m => rbacKinds.includes(m.kind)).map(m => `${m.kind}/${m.metadata.name}`)).toEqual([
      'ServiceAccount/kruise-manager', 'ServiceAccount/kruise-daemon',
      'ClusterRole/kruise-manager-role', 'ClusterRole/kruise-daemon-role', 'ClusterRole/kruise-certs-role',
      'Role/kruise-leader-election-role', 'Role/kruise-webhook-role', 'Role/kruise-daemon-secret-role',
      'ClusterRoleBinding/kruise-manager-rolebinding', 'ClusterRoleBinding/kruise-daemon-rolebinding', 'ClusterRoleBinding/kruise-certs-rolebinding',
      'RoleBinding/kruise-leader-election-rolebinding', 'RoleBinding/kruise-webhook-rolebinding', 'RoleBinding/kruise-daemon-secret-rolebinding',
    ]);
    expect(r.one('ClusterRole', 'kruise-manager-role').rules).toHaveLength(77);
    expect(r.one('ClusterRole', 'kruise-manager-role').rules[1]).toEqual({ apiGroups: ['*'], resources: ['*'], verbs: ['list'] });
    // controller-gen's `creationTimestamp: null`, kept as the chart has it
    expect(r.one('ClusterRole', 'kruise-manager-role').metadata).toEqual({ name: 'kruise-manager-role', creationTimestamp: null });
    expect(r.one('Role', 'kruise-daemon-secret-role').metadata.creationTimestamp).toBeNull();
    expect('creationTimestamp' in r.one('Role', 'kruise-webhook-role').metadata).toBe(false);
    expect(r.one('ClusterRole', 'kruise-certs-role').rules.map((x: any) => x.resourceNames[0])).toEqual([
      'kruise-mutating-webhook-configuration', 'kruise-validating-webhook-configuration', 'statefulsets.apps.kruise.io',
    ]);
  });

  test('roleListGroups and service account annotations', () => {
    const r = synthKruise({ roleListGroups: ['apps.kruise.io', 'apps'], serviceAccountAnnotations: { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::1:role/k' } });
    expect(r.one('ClusterRole', 'kruise-manager-role').rules[1]).toEqual({ apiGroups: ['apps.kruise.io', 'apps'], resources: ['*'], verbs: ['list'] });
    for (const sa of r.all('ServiceAccount')) expect(sa.metadata.annotations).toEqual({ 'eks.amazonaws.com/role-arn': 'arn:aws:iam::1:role/k' });
    expect(synthKruise().one('ServiceAccount', 'kruise-manager').metadata.annotations).toBeUndefined();
    expect(() => synthKruise({ roleListGroups: [] })).toThrow("test/kruise/Rbac: roleListGroups []: is not a non-empty list of API groups; use e.g. ['*'] or ['apps.kruise.io', 'apps']");
  });

  test('EnableExternalCerts drops the certs role and binding only', () => {
    const r = synthKruise({ featureGates: [FeatureGate.ENABLE_EXTERNAL_CERTS.enable()] });
    expect(r.all('ClusterRole').map(x => x.metadata.name)).toEqual(['kruise-manager-role', 'kruise-daemon-role']);
    expect(r.all('ClusterRoleBinding').map(x => x.metadata.name)).toEqual(['kruise-manager-rolebinding', 'kruise-daemon-rolebinding']);
    expect(r.kruise.rbac.certsRole).toBeUndefined();
  });
});
