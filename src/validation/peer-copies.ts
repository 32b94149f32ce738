import { App } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';

/**
 * Fails with a plain message when the app was built with another copy of cdk8s
 * or constructs than the one this library loads (a directory install, or a
 * dependency tree npm could not dedupe). With two copies, objects of one are
 * not instances of the other's classes, and cdk8s fails deep inside synthesis
 * (`can't render non-simple object of type 'Lazy'`) without saying why.
 */
export function checkPeerCopies(scope: IConstruct): void {
  if (!(scope instanceof Construct)) {
    throw new Error(twoCopies('constructs', `${scope.node?.path ?? 'the scope'} is a construct of another copy of the constructs package`));
  }
  const root = scope.node.root;
  if (!(root instanceof App) && 'synthYaml' in root && typeof root.synthYaml === 'function') {
    throw new Error(twoCopies('cdk8s', `the app of ${scope.node.path} comes from another copy of cdk8s`));
  }
}

function twoCopies(pkg: string, what: string): string {
  let ours: string;
  try {
    ours = require.resolve(`${pkg}/package.json`);
  } catch {
    ours = pkg;
  }
  return `${what} than cdk8s-openkruise uses (${ours.replace(/\/package\.json$/, '')}): two copies of ${pkg} cannot work together; `
    + `install ${pkg} once (run \`npm ls ${pkg}\` to find the copies, then \`npm dedupe\`; install cdk8s-openkruise from its tarball or the registry, `
    + 'not as a linked directory, or use `npm install --install-links`)';
}
