# The route catalog, read as the runtime reads it (functions/catalog.yaml, defaults included).
# Every function, route, queue and schedule below is made for_each over these locals.

locals {
  catalog  = yamldecode(file(var.catalog_file))
  defaults = merge({ memory = 512, timeout = 10 }, try(local.catalog.defaults, {}))

  modules = local.catalog.modules

  # The modules whose functions sign access tokens: only they read the private signing keys.
  signing_modules = toset([for name, module in local.modules : name if try(module.signs_tokens, false)])

  queues = {
    for name, queue in coalesce(local.catalog.queues, {}) : name => {
      visibility_timeout = try(queue.visibility_timeout, 60)
      retention_days     = try(queue.retention_days, 4)
    }
  }

  functions = {
    for f in local.catalog.functions : f.name => {
      module = f.module
      # The bean is the handler class's simple name, decapitalised, as the runtime registers it.
      bean    = "${lower(substr(regex("[^.]+$", f.handler), 0, 1))}${substr(regex("[^.]+$", f.handler), 1, -1)}"
      handler = f.handler
      memory  = try(f.memory, local.defaults.memory)
      timeout = try(f.timeout, local.defaults.timeout)
      http    = try(f.http, null)
      sqs = try(f.sqs, null) == null ? null : {
        queue           = f.sqs.queue
        batch_size      = try(f.sqs.batch_size, 10)
        batching_window = try(f.sqs.batching_window, 0)
        max_receives    = try(f.sqs.max_receives, 5)
      }
      schedule  = try(f.schedule.expression, null)
      on_deploy = try(f.direct.on_deploy, false)
    }
  }

  http_functions      = { for name, f in local.functions : name => f if f.http != null }
  queue_consumers     = { for name, f in local.functions : name => f if f.sqs != null }
  scheduled_functions = { for name, f in local.functions : name => f if f.schedule != null }
  on_deploy_functions = { for name, f in local.functions : name => f if f.on_deploy }

  # A queue's redrive limit is its consumer's max_receives; a queue nobody consumes yet keeps the runtime's default.
  max_receives = {
    for queue in keys(local.queues) : queue => try(
      [for f in local.queue_consumers : f.sqs.max_receives if f.sqs.queue == queue][0], 5
    )
  }
}
