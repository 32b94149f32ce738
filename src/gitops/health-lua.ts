// Argo CD health checks (Lua) for Kruise kinds. Internal: exposed through
// KruiseArgoCdHealthChecks. The scripts keep to a small Lua subset (explicit nil
// checks, no truthiness tests on numbers, one statement per line) so that the
// tests can run them through a line-by-line translation to JavaScript.

/** Helpers every script starts with. */
const PRELUDE = `local function count(value)
  if value == nil then
    return 0
  end
  return value
end

local function health(status, message)
  local hs = {}
  hs.status = status
  hs.message = message
  return hs
end
`;

/** Progressing until the controller has seen the current generation. */
const observed = (what: string) => `if obj.status == nil or obj.status.observedGeneration == nil or obj.metadata.generation == nil then
  return health("Progressing", "Waiting for the ${what} controller to report status")
end
if obj.status.observedGeneration < obj.metadata.generation then
  return health("Progressing", "Waiting for the ${what} controller to observe generation " .. obj.metadata.generation)
end
`;

/** Reads `partition` and `paused` of `spec.updateStrategy.rollingUpdate` (Advanced StatefulSet, Advanced DaemonSet). */
const ROLLING_UPDATE = `local partition = 0
local paused = false
if strategy ~= nil and strategy.rollingUpdate ~= nil then
  if strategy.rollingUpdate.partition ~= nil then
    partition = strategy.rollingUpdate.partition
  end
  if strategy.rollingUpdate.paused == true then
    paused = true
  end
end
if partition > desired then
  partition = desired
end
local expected = desired - partition
`;

const CLONE_SET = `${PRELUDE}
${observed('CloneSet')}local desired = 1
if obj.spec.replicas ~= nil then
  desired = obj.spec.replicas
end
local expected = desired
if obj.status.expectedUpdatedReplicas ~= nil then
  expected = obj.status.expectedUpdatedReplicas
end
local updated = count(obj.status.updatedReplicas)
local strategy = obj.spec.updateStrategy
if updated < desired and strategy ~= nil and strategy.paused == true then
  return health("Suspended", "Rollout paused at " .. updated .. " of " .. desired .. " pods updated (spec.updateStrategy.paused)")
end
if updated < expected then
  return health("Progressing", "Updating: " .. updated .. " of " .. expected .. " pods at the update revision")
end
if count(obj.status.updatedReadyReplicas) < expected then
  return health("Progressing", "Waiting for updated pods to be ready: " .. count(obj.status.updatedReadyReplicas) .. " of " .. expected)
end
if count(obj.status.replicas) ~= desired then
  return health("Progressing", "Scaling: " .. count(obj.status.replicas) .. " pods, " .. desired .. " desired")
end
if count(obj.status.availableReplicas) < desired then
  return health("Progressing", "Available: " .. count(obj.status.availableReplicas) .. " of " .. desired .. " pods")
end
if updated < desired then
  return health("Suspended", "Partition keeps " .. (desired - updated) .. " pods at the old revision (spec.updateStrategy.partition)")
end
return health("Healthy", "All " .. desired .. " pods updated and available")
`;

const STATEFUL_SET = `${PRELUDE}
${observed('Advanced StatefulSet')}local desired = 1
if obj.spec.replicas ~= nil then
  desired = obj.spec.replicas
end
if count(obj.status.replicas) ~= desired then
  return health("Progressing", "Scaling: " .. count(obj.status.replicas) .. " pods, " .. desired .. " desired")
end
if count(obj.status.readyReplicas) < desired then
  return health("Progressing", "Ready: " .. count(obj.status.readyReplicas) .. " of " .. desired .. " pods")
end
local strategy = obj.spec.updateStrategy
if strategy ~= nil and strategy.type == "OnDelete" then
  return health("Healthy", "All " .. desired .. " pods ready (OnDelete: pods update when deleted)")
end
${ROLLING_UPDATE}local updated = count(obj.status.updatedReplicas)
if updated < desired and paused == true then
  return health("Suspended", "Rollout paused at " .. updated .. " of " .. desired .. " pods updated (spec.updateStrategy.rollingUpdate.paused)")
end
if updated < expected then
  return health("Progressing", "Updating: " .. updated .. " of " .. expected .. " pods at the update revision")
end
if obj.status.updatedReadyReplicas ~= nil and obj.status.updatedReadyReplicas < expected then
  return health("Progressing", "Waiting for updated pods to be ready: " .. obj.status.updatedReadyReplicas .. " of " .. expected)
end
if updated < desired then
  return health("Suspended", "Partition keeps " .. (desired - updated) .. " pods at the old revision (spec.updateStrategy.rollingUpdate.partition)")
end
return health("Healthy", "All " .. desired .. " pods updated and ready")
`;

const DAEMON_SET = `${PRELUDE}
${observed('Advanced DaemonSet')}local desired = count(obj.status.desiredNumberScheduled)
local updated = count(obj.status.updatedNumberScheduled)
local available = count(obj.status.numberAvailable)
local strategy = obj.spec.updateStrategy
if strategy ~= nil and strategy.type == "OnDelete" then
  if available < desired then
    return health("Progressing", "Available: " .. available .. " of " .. desired .. " pods")
  end
  return health("Healthy", "All " .. desired .. " pods available (OnDelete: pods update when deleted)")
end
${ROLLING_UPDATE}if updated < desired and paused == true then
  return health("Suspended", "Rollout paused at " .. updated .. " of " .. desired .. " pods updated (spec.updateStrategy.rollingUpdate.paused)")
end
if updated < expected then
  return health("Progressing", "Updating: " .. updated .. " of " .. expected .. " pods at the update revision")
end
if available < desired then
  return health("Progressing", "Available: " .. available .. " of " .. desired .. " pods")
end
if updated < desired then
  return health("Suspended", "Partition keeps " .. (desired - updated) .. " pods at the old revision (spec.updateStrategy.rollingUpdate.partition)")
end
return health("Healthy", "All " .. desired .. " pods updated and available")
`;

const BROADCAST_JOB = `${PRELUDE}
if obj.status == nil or obj.status.phase == nil then
  return health("Progressing", "Waiting for the BroadcastJob to start")
end
local phase = obj.status.phase
local desired = count(obj.status.desired)
if phase == "failed" then
  return health("Degraded", "Failed: " .. count(obj.status.failed) .. " of " .. desired .. " pods failed")
end
if phase == "completed" then
  return health("Healthy", "Completed: " .. count(obj.status.succeeded) .. " of " .. desired .. " pods succeeded")
end
if phase == "paused" or obj.spec.paused == true then
  return health("Suspended", "Paused (spec.paused)")
end
if obj.spec.completionPolicy ~= nil and obj.spec.completionPolicy.type == "Never" and count(obj.status.active) >= desired then
  return health("Healthy", "Running on all " .. desired .. " nodes (completionPolicy Never)")
end
return health("Progressing", "Running: " .. count(obj.status.active) .. " active, " .. count(obj.status.succeeded) .. " succeeded, " .. count(obj.status.failed) .. " failed, " .. desired .. " desired")
`;

const ADVANCED_CRON_JOB = `${PRELUDE}
if obj.spec.paused == true then
  return health("Suspended", "Schedule paused (spec.paused)")
end
return health("Healthy", "Schedule active")
`;

/** The Kruise kinds with a health check, and their scripts (Argo CD's `<group>_<kind>` keys). */
export const HEALTH_SCRIPTS: ReadonlyArray<{ readonly group: string; readonly kind: string; readonly lua: string }> = [
  { group: 'apps.kruise.io', kind: 'CloneSet', lua: CLONE_SET },
  { group: 'apps.kruise.io', kind: 'StatefulSet', lua: STATEFUL_SET },
  { group: 'apps.kruise.io', kind: 'DaemonSet', lua: DAEMON_SET },
  { group: 'apps.kruise.io', kind: 'BroadcastJob', lua: BROADCAST_JOB },
  { group: 'apps.kruise.io', kind: 'AdvancedCronJob', lua: ADVANCED_CRON_JOB },
];
