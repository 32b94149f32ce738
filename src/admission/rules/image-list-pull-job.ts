import { IMAGE_REFERENCE_FIX, imageReferenceProblem } from '../../base/image-ref';
import { arrayOr, JsonObject, objectOr } from '../../base/json';
import { show } from '../core/names';
import { AdmissionContext, atLeast, KindAdmission, Report } from '../types';
import { checkPullJobCompletionPolicy, checkPullJobGates, checkPullJobSelectors, deadlineBelowTimeout, defaultPullJob } from './image-pull-job';

/*
 * ImageListPullJob (apps.kruise.io/v1alpha1): Kruise's defaulting and
 * CREATE-time admission (ADMISSION.md, ImageListPullJob, rules 1-9). Its
 * webhook repeats ImagePullJob's gate, selector and completion-policy checks
 * for a list of images.
 */

const KIND = 'ImageListPullJob';
/** The most images one ImageListPullJob may list. */
const MAX_IMAGES = 255;

function validate(obj: JsonObject, ctx: AdmissionContext, report: Report): void {
  const spec = objectOr(obj.spec);
  // Rules 1-4.
  checkPullJobGates(KIND, ctx, report);
  checkPullJobSelectors(KIND, spec, report);

  const images = arrayOr(spec.images);
  // Rule 5: at least one image.
  if (images.length === 0) {
    report.error(`${KIND}/images-required`, 'spec.images', 'spec.images is empty; an ImageListPullJob pulls at least one image',
      'list the images to pull, e.g. ["nginx:1.25", "redis:7"]');
  }
  // Rule 6: no image twice.
  const seen = new Set<unknown>();
  images.forEach((image, i) => {
    if (seen.has(image)) {
      report.error(`${KIND}/images-unique`, `spec.images[${i}]`, `image ${show(image)} is listed twice in spec.images`, 'list each image once');
    }
    seen.add(image);
  });
  // Rule 7: at most 255 images.
  if (images.length > MAX_IMAGES) {
    report.error(`${KIND}/images-max`, 'spec.images', `spec.images lists ${images.length} images; Kruise accepts at most ${MAX_IMAGES}`,
      'split the list over several ImageListPullJobs');
  }
  // Rule 8: every image a valid reference.
  images.forEach((image, i) => {
    if (typeof image !== 'string') return;
    const problem = image === '' ? 'the image is empty' : imageReferenceProblem(image);
    if (problem) {
      report.error(`${KIND}/image-reference`, `spec.images[${i}]`, `image ${show(image)} is not a valid image reference: ${problem}`,
        IMAGE_REFERENCE_FIX);
    }
  });
  // Rule 9.
  checkPullJobCompletionPolicy(KIND, spec, report);

  // 1.8 (ADMISSION-DELTA ILPJ-1): this webhook does not compare the deadline with the pull timeout, but the
  // ImagePullJobs Kruise creates from it carry both and are rejected when the deadline is shorter.
  if (atLeast(ctx, '1.8')) {
    const below = deadlineBelowTimeout(spec);
    if (below) {
      const { deadline, timeout } = below;
      report.warning(`${KIND}/deadline-covers-timeout`, 'spec.completionPolicy.activeDeadlineSeconds',
        `completionPolicy.activeDeadlineSeconds ${deadline} is shorter than pullPolicy.timeoutSeconds ${timeout}: Kruise admits this ImageListPullJob, but rejects the ImagePullJobs it creates for its images`,
        `raise activeDeadlineSeconds to at least ${timeout}, or lower pullPolicy.timeoutSeconds (it defaults to 600)`);
    }
  }
}

/** ImageListPullJob: Kruise's defaulting and CREATE-time admission (ADMISSION.md, ImageListPullJob). */
export const imageListPullJobAdmission: KindAdmission = {
  group: 'apps.kruise.io',
  kind: KIND,
  defaults: defaultPullJob,
  validate,
};
