// Fleet example: one install per cluster from one app.
//
//   npx ts-node examples/fleet/main.ts
//
// writes dist/<cluster>/*.k8s.yaml for dev, staging-eu and prod-us.
import * as path from 'path';
import { CLUSTERS, synthFleet } from './fleet';

const outdir = path.join(__dirname, '..', '..', 'dist');
synthFleet(outdir);
// eslint-disable-next-line no-console
console.log(`wrote ${CLUSTERS.map(c => path.join(outdir, c.name)).join(', ')}`);
