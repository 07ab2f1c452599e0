# The route catalog, read as the runtime reads it (functions/catalog.yaml, defaults included).
# Every function, route, queue and schedule is made for_each over these locals; each module's functions
# in an instance of ./domain.

locals {
  catalog  = yamldecode(file(var.catalog_file))
  defaults = merge({ memory = 512, timeout = 10 }, try(local.catalog.defaults, {}))

  # Route throttling by access rule (CatalogLoader.DEFAULT_THROTTLES), unless the catalog's defaults say otherwise.
  default_throttles = merge(
    {
      public    = { rate = 50, burst = 100 }
      signed_in = { rate = 200, burst = 400 }
      api_key   = { rate = 500, burst = 1000 }
    },
    try(local.catalog.defaults.throttle, {})
  )

  modules = local.catalog.modules

  queues = {
    for name, queue in coalesce(try(local.catalog.queues, null), {}) : name => {
      visibility_timeout = try(queue.visibility_timeout, 60)
      retention_days     = try(queue.retention_days, 4)
    }
  }

  functions = {
    for f in local.catalog.functions : f.name => {
      module = f.module
      # The bean is the handler class's simple name, decapitalised, as the runtime registers it.
      bean         = "${lower(substr(regex("[^.]+$", f.handler), 0, 1))}${substr(regex("[^.]+$", f.handler), 1, -1)}"
      handler      = f.handler
      memory       = try(f.memory, local.defaults.memory)
      timeout      = try(f.timeout, local.defaults.timeout)
      signs_tokens = try(f.signs_tokens, false)
      reserved     = try(f.reserved_concurrency, null)
      http         = try(f.http, null)
      # public, api_key (routes that take API keys) or signed_in, for the throttling default.
      access_kind = try(f.access, null) == "public" ? "public" : length(try(f.access.api_key_scopes, [])) > 0 ? "api_key" : "signed_in"
      throttle    = try(f.throttle, null)
      sqs = try(f.sqs, null) == null ? null : {
        queue           = f.sqs.queue
        batch_size      = try(f.sqs.batch_size, 10)
        batching_window = try(f.sqs.batching_window, 0)
        max_receives    = try(f.sqs.max_receives, 5)
        max_concurrency = try(f.sqs.max_concurrency, 5)
      }
      schedule  = try(f.schedule.expression, null)
      on_deploy = try(f.direct.on_deploy, false)
      logs      = can(f.logs)
    }
  }

  # Each HTTP function's throttle: its own, or its access rule's default.
  throttles = {
    for name, f in local.functions : name => coalesce(f.throttle, local.default_throttles[f.access_kind]) if f.http != null
  }

  http_functions      = { for name, f in local.functions : name => f if f.http != null }
  queue_consumers     = { for name, f in local.functions : name => f if f.sqs != null }
  scheduled_functions = { for name, f in local.functions : name => f if f.schedule != null }

  # The function every module's log group hands its invocation records to (usage analytics), if any.
  logs_receiver = one([for name, f in local.functions : name if f.logs])

  # The modules with a function run on deploy (migrate) come first; every other module's functions go
  # live only after that has run.
  migrating_modules = toset([for name, f in local.functions : f.module if f.on_deploy])

  # A queue's redrive limit is its consumer's max_receives; a queue nobody consumes yet keeps the runtime's default.
  max_receives = {
    for queue in keys(local.queues) : queue => try(
      [for f in local.queue_consumers : f.sqs.max_receives if f.sqs.queue == queue][0], 5
    )
  }

  # RDS Proxy gives up waiting for a database connection after half the shortest HTTP timeout.
  borrow_timeout = max(1, floor(min(concat([for f in local.http_functions : f.timeout], [30])...) / 2))

  # Each module's settings (modules.<m>.settings): a fixed text, or a parameter (module_parameters).
  module_settings = {
    for name, module in local.modules : name => {
      for variable, s in try(module.settings, {}) : variable => can(s.parameter) ? {
        value     = null
        parameter = s.parameter
        default   = try(tostring(s.default), null)
        pattern   = try(s.pattern, null)
        secret    = try(s.secret, false)
        } : {
        value     = tostring(s)
        parameter = null
        default   = null
        pattern   = null
        secret    = false
      }
    }
  }

  # Every parameter the modules' settings name, once (a parameter two modules name is declared alike).
  module_parameters = merge({}, [
    for name, settings in local.module_settings : {
      for variable, s in settings : s.parameter => { default = s.default, pattern = s.pattern, secret = s.secret } if s.parameter != null
    }
  ]...)

  # The modules that send email through SES (sends_email), each with its feedback queue, and those that send SMS.
  email_modules = { for name, module in local.modules : name => module.sends_email.feedback_queue if can(module.sends_email.feedback_queue) }
  sms_modules   = toset([for name, module in local.modules : name if try(module.sends_sms, false)])

  # The PostgreSQL user each module's functions log in as (Stacks.databaseUser).
  database_users = { for name, module in local.modules : name => "saaskit_${replace(name, "-", "_")}_login" }
}
