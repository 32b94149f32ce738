/**
 * A function that calls `make` on its first call and returns that value from
 * then on: for data that is costly to build and not always needed (the field
 * docs of the API model, read only when a CRD is built from the model).
 */
export function once<T>(make: () => T): () => T {
  let made = false;
  let value: T;
  return () => {
    if (!made) {
      value = make();
      made = true;
    }
    return value;
  };
}
