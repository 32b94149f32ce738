import { imageReferenceProblem } from '../../src/base/image-ref';

describe('imageReferenceProblem (docker/distribution v2.8 ParseNormalizedNamed, as Kruise calls it)', () => {
  test.each([
    'nginx', 'nginx:1.25', 'library/redis', 'docker.io/library/nginx:latest', 'index.docker.io/nginx',
    'registry.example.com:5000/team/app:v1', 'localhost/dev/app', 'localhost:5000/app', 'Registry.Example.com/app',
    'a__b/c--d/e.f', `app@sha256:${'a'.repeat(64)}`, `app:v1@sha512:${'0'.repeat(128)}`, 'nginx:V1_x.y-z',
  ])('accepts %j', image => {
    expect(imageReferenceProblem(image)).toBeUndefined();
  });

  test.each([
    ['', 'the image is empty'],
    ['Team/app', "the repository path 'Team/app' must be lowercase"],
    ['ghcr.io/Acme/web', "the repository path 'Acme/web' must be lowercase"],
    ['[::1]:5000/app', 'it is not of the form [registry[:port]/]path[:tag][@algorithm:digest]'],
    ['a//b', 'it is not of the form [registry[:port]/]path[:tag][@algorithm:digest]'],
    ['-app', 'it is not of the form [registry[:port]/]path[:tag][@algorithm:digest]'],
    [`app@sha256:${'A'.repeat(64)}`, 'a sha256 digest is lowercase hex'],
    [`app@sha384:${'a'.repeat(64)}`, 'a sha384 digest has 96 hex characters, not 64'],
    ['a'.repeat(64), 'a 64-character hex string is an image ID, not a reference'],
    [`${'a'.repeat(256)}`, 'the name is 256 characters long; at most 255 are allowed'],
    [`${'a'.repeat(250)}:v1`, "with the implied 'docker.io/library/' the name is 268 characters long; at most 255 are allowed"],
  ])('rejects %j: %s', (image, problem) => {
    expect(imageReferenceProblem(image)).toBe(problem);
  });

  test('a name of exactly 255 characters with its registry is accepted', () => {
    const image = `r.io/${'a'.repeat(250)}`;
    expect(image.length).toBe(255);
    expect(imageReferenceProblem(image)).toBeUndefined();
    expect(imageReferenceProblem(`r.io/${'a'.repeat(251)}`)).toBe('the name is 256 characters long; at most 255 are allowed');
  });
});
