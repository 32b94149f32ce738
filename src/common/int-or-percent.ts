/**
 * A count of pods given as a number or as a percentage (Kubernetes
 * IntOrString), e.g. `IntOrPercent.percent(25)` or `IntOrPercent.count(1)`.
 */
export class IntOrPercent {
  /** A number of pods (>= 0). */
  public static count(value: number): IntOrPercent {
    if (!Number.isInteger(value) || value < 0) {
      throw new Error(`IntOrPercent.count(${value}): must be a whole number >= 0`);
    }
    return new IntOrPercent(value);
  }

  /**
   * A percentage of the replicas, a whole number >= 0. Above 100 is allowed
   * where Kubernetes allows it (e.g. maxUnavailable 120% of a CloneSet is
   * accepted and the review warns); fields that reject it say so at synth.
   */
  public static percent(value: number): IntOrPercent {
    if (!Number.isInteger(value) || value < 0) {
      throw new Error(`IntOrPercent.percent(${value}): must be a whole number >= 0`);
    }
    return new IntOrPercent(`${value}%`);
  }

  /**
   * Parses `"25%"` or `"3"`/`3` as Kubernetes does.
   * @param value a percentage string, a number, or a number as a string
   */
  public static parse(value: string): IntOrPercent {
    const m = /^(\d+)%$/.exec(value);
    if (m) return IntOrPercent.percent(Number(m[1]));
    if (/^\d+$/.test(value)) return IntOrPercent.count(Number(value));
    throw new Error(`IntOrPercent.parse('${value}'): use a whole number or a percentage such as '25%'`);
  }

  private constructor(private readonly raw: number | string) {}

  /** Whether this is a percentage. */
  public get isPercent(): boolean {
    return typeof this.raw === 'string';
  }

  /** The number (of pods, or of percent). */
  public get value(): number {
    return typeof this.raw === 'string' ? Number(this.raw.slice(0, -1)) : this.raw;
  }

  /** The value as the API takes it: a number, or a string like `25%`. */
  public toJson(): number | string {
    return this.raw;
  }

  /** Whether this resolves to less than one pod for any replica count (0 or 0%). */
  public get isZero(): boolean {
    return this.value === 0;
  }
}
