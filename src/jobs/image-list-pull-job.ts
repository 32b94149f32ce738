import { Construct } from 'constructs';
import { addPullSecretTo, checkImagePullJobProps, ImagePullJobBaseProps, renderImagePullJobTemplate } from './image-pull-job';
import { KruiseResource } from '../common/kruise-resource';
import { checkImageReference } from '../common/value-checks';
import { ImageListPullJobSpec, ImageListPullJobSpecParallelism, toJson_ImageListPullJobSpec } from '../imports/apps.kruise.io';
import { invalid } from '../validation/errors';

/** The most images one ImageListPullJob may list (Kruise's webhook limit). */
const MAX_IMAGES = 255;

/** Properties of {@link ImageListPullJob}. */
export interface ImageListPullJobProps extends ImagePullJobBaseProps {
  /**
   * The images to pull (each once, at most 255). More can be added with `addImage()`.
   * @default - none; add at least one with addImage()
   */
  readonly images?: string[];
}

/**
 * OpenKruise ImageListPullJob: pre-pulls a list of images on a set of nodes
 * (Kruise creates one ImagePullJob per image). Needs the `ImagePullJobGate`
 * feature gate (on in the chart's default values) and kruise-daemon.
 *
 * @see https://openkruise.io/docs/user-manuals/imagepulljob
 */
export class ImageListPullJob extends KruiseResource {
  /** The ImageListPullJob resource type, for RBAC. */
  public readonly resourceType = 'imagelistpulljobs';

  private readonly props: ImageListPullJobProps;
  private readonly imageList: string[] = [];
  private readonly pullSecrets: string[] = [];

  public constructor(scope: Construct, id: string, props: ImageListPullJobProps = {}) {
    super(scope, id, { apiVersion: 'apps.kruise.io/v1alpha1', kind: 'ImageListPullJob', metadata: props.metadata });
    this.props = props;
    checkImagePullJobProps(this, props);
    (props.images ?? []).forEach(i => this.addImage(i));
    (props.pullSecrets ?? []).forEach(s => this.addPullSecret(s));
    // Feature gates and at least one image: Kruise's rules, checked by the app's review on the emitted object.
  }

  /** The images pulled, in order. */
  public get images(): string[] {
    return [...this.imageList];
  }

  /** Adds an image to pull. Duplicates and a 256th image throw. */
  public addImage(image: string): void {
    const field = `spec.images[${this.imageList.length}]`;
    checkImageReference(this, field, image);
    if (this.imageList.includes(image)) {
      throw invalid(this, field, image, 'Kruise rejects duplicate images', 'list each image once');
    }
    if (this.imageList.length >= MAX_IMAGES) {
      throw invalid(this, field, image, `Kruise accepts at most ${MAX_IMAGES} images per ImageListPullJob`, 'split the images over several ImageListPullJobs');
    }
    this.imageList.push(image);
  }

  /** Adds the name of a docker-registry Secret used to pull. Duplicates throw. */
  public addPullSecret(secretName: string): void {
    addPullSecretTo(this, this.pullSecrets, secretName);
  }

  protected renderSpec(): { [key: string]: unknown } {
    const { parallelism, ...template } = renderImagePullJobTemplate(this, this.props, this.pullSecrets);
    const spec: ImageListPullJobSpec = {
      images: [...this.imageList],
      ...template,
      parallelism: parallelism === undefined ? undefined : ImageListPullJobSpecParallelism.fromNumber(parallelism),
    };
    return toJson_ImageListPullJobSpec(spec) ?? {};
  }
}
