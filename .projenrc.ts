import { cdk8s, javascript } from 'projen';

const project = new cdk8s.ConstructLibraryCdk8s({
  name: 'cdk8s-openkruise',
  description: 'cdk8s constructs that install OpenKruise 1.7 and declare its workloads, with synth-time validation',
  author: 'cdk8s-openkruise maintainers',
  authorAddress: 'maintainers@users.noreply.example',
  repositoryUrl: 'https://example.invalid/cdk8s-openkruise.git',
  keywords: ['cdk8s', 'kubernetes', 'openkruise', 'kruise', 'gitops'],
  cdk8sVersion: '2.70.106',
  constructsVersion: '10.3.0',
  jsiiVersion: '~6.0.0',
  defaultReleaseBranch: 'main',
  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,
  github: false,
  release: false,
  peerDeps: ['cdk8s-plus-28@^2.5.6'],
  bundledDeps: ['ajv@^8.17.1', 'yaml@^2.8.0'],
  devDeps: [
    'cdk8s-cli@^2.200.0',
    '@kubernetes-models/cert-manager@^4.4.4',
    'kubernetes-models@^4.5.1',
    '@kubernetes-models/argo-cd@^2.7.2',
    '@kubernetes-models/prometheus-operator@^4.4.4',
    '@kubernetes-models/flux-cd@^2.3.4',
    'fengari@^0.1.5',
    'fast-check@^4.11.0',
    'esbuild@^0.28.2',
  ],
  bin: { 'kruise-synth': 'bin/kruise-synth', 'kruise-lint': 'bin/kruise-lint' },
  eslintOptions: {
    dirs: ['src', 'test'],
    devdirs: ['scripts', 'test', 'bench'],
    ignorePatterns: ['src/imports/**', '*.js', '*.d.ts', 'node_modules/', 'lib/', 'coverage/', 'test-reports/'],
  },
  jestOptions: {
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    passWithNoTests: false,
    coverageText: false,
    jestConfig: {
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      testTimeout: 120_000,
      verbose: true,
      reporters: [new javascript.JestReporter('<rootDir>/test/summary-reporter.js')],
    },
  },
  gitignore: ['/dist-install/', '/bench/results/', '/kruise-install.yaml', '*.tmp.ts', '/dist/'],
});

// Quiet jsii's Node 20 end-of-life banner (it still works on 20).
project.tasks.addEnvironment('JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION', '1');

// Precompiled CRD schema validators in lib/validation/generated (scripts/build-validators.js).
project.compileTask.exec('node scripts/build-validators.js');
// The fast CLI: a single-file bundle with a V8 code cache (scripts/build-cli.js).
project.compileTask.exec('node scripts/build-cli.js');

// Tests exercise the compiled CLI in lib/, so compile first.
project.testTask.prependSpawn(project.compileTask);

// The typed L1 classes in src/imports are generated from the API model.
project.addTask('import', {
  description: 'Regenerate src/imports (L1 classes) from the API model with cdk8s import',
  exec: 'ts-node --project scripts/tsconfig.json scripts/import-crds.ts',
});

// The README's first command: compile, then write the default install with the CLI.
const synthInstall = project.addTask('kruise-synth', {
  description: 'Compile and run the kruise-synth CLI (e.g. npm run kruise-synth -- --output kruise-install.yaml)',
});
synthInstall.spawn(project.compileTask);
synthInstall.exec('node bin/kruise-synth', { receiveArgs: true });

// kruise-lint on any YAML (e.g. npm run kruise-lint -- manifests/).
const lintTask = project.addTask('kruise-lint', {
  description: 'Compile and run the kruise-lint CLI (e.g. npm run kruise-lint -- manifests/)',
});
lintTask.spawn(project.compileTask);
lintTask.exec('node bin/kruise-lint', { receiveArgs: true });

// Benchmarks (not part of the test suite).
const bench = project.addTask('bench', { description: 'Run the benchmarks in bench/ against the compiled lib/' });
bench.spawn(project.compileTask);
bench.exec('ts-node --project bench/tsconfig.json bench/bench.ts');
bench.exec('ts-node --project bench/tsconfig.json bench/lint.ts');
// The lint benchmark alone (10,000 Kruise objects through the compiled kruise-lint).
const benchLint = project.addTask('bench:lint', { description: 'Run the kruise-lint benchmark (bench/lint.ts) against the compiled lib/' });
benchLint.spawn(project.compileTask);
benchLint.exec('ts-node --project bench/tsconfig.json bench/lint.ts');

project.npmignore?.exclude('/scripts/', '/bench/', '/examples/', '/docs/', '/.ci/');

project.synth();
