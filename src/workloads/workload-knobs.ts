import { ApiObjectMetadataDefinition } from 'cdk8s';
import { IConstruct } from 'constructs';
import { ImagePreDownloadOptions, KruisePodKnobs } from './pod-knobs';
import { invalid } from '../validation/errors';

/**
 * Writes the image pre-download annotations (`apps.kruise.io/image-predownload-*`)
 * on a workload's metadata, checking each option. Internal: the public entry
 * points are the `configureImagePreDownload()` methods of CloneSet, Advanced
 * StatefulSet and Advanced DaemonSet, the kinds Kruise pre-downloads for.
 */
export function setImagePreDownload(workload: IConstruct, metadata: ApiObjectMetadataDefinition, options: ImagePreDownloadOptions): void {
  const { parallelism, timeout, minUpdatedReadyPods } = options;
  if (parallelism === undefined && timeout === undefined && minUpdatedReadyPods === undefined) {
    throw invalid(workload, 'metadata.annotations', {}, 'no pre-download option given', 'give parallelism, timeout or minUpdatedReadyPods');
  }
  if (parallelism !== undefined) {
    if (!Number.isInteger(parallelism) || parallelism < 1) {
      throw invalid(workload, `metadata.annotations.${KruisePodKnobs.IMAGE_PREDOWNLOAD_PARALLELISM_ANNOTATION}`, parallelism, 'must be a whole number >= 1', 'give the number of nodes pulling at once');
    }
    metadata.addAnnotation(KruisePodKnobs.IMAGE_PREDOWNLOAD_PARALLELISM_ANNOTATION, String(parallelism));
  }
  if (timeout !== undefined) {
    const ms = timeout.toMilliseconds();
    if (ms % 1000 !== 0 || ms === 0) {
      throw invalid(workload, `metadata.annotations.${KruisePodKnobs.IMAGE_PREDOWNLOAD_TIMEOUT_ANNOTATION}`, `${ms}ms`, 'must be a whole number of seconds above zero', 'use e.g. Duration.minutes(5)');
    }
    metadata.addAnnotation(KruisePodKnobs.IMAGE_PREDOWNLOAD_TIMEOUT_ANNOTATION, String(ms / 1000));
  }
  if (minUpdatedReadyPods !== undefined) {
    metadata.addAnnotation(KruisePodKnobs.IMAGE_PREDOWNLOAD_MIN_UPDATED_READY_PODS_ANNOTATION, String(minUpdatedReadyPods.toJson()));
  }
}
