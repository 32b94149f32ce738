// FeatureGate moved down to the model layer (src/versions/feature-gates.ts); kept for the install's imports.
export * from '../versions/feature-gates';
