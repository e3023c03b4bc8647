// Cardiac return-to-work Teams bot: everything one deployment needs, in one resource group.
//
//   az deployment group create -g <rg> -f deployment/infra/main.bicep -p @deployment/infra/main.parameters.json
//
// What it makes (docs/DEPLOYMENT.md explains each choice):
//   - a user-assigned managed identity: the bot's Microsoft App identity (no client secret) AND the
//     identity the bot uses for Cosmos DB (data-plane RBAC; account keys are switched off)
//   - Azure Cosmos DB for NoSQL (serverless by default): database + the six containers the bot uses,
//     all partitioned by /serviceId (src/store/cosmos.ts)
//   - App Service on Linux, Node 24 LTS: always on, health check /readyz, HTTPS only, TLS 1.2+
//   - Azure Bot (UserAssignedMSI) with the Microsoft Teams channel on
//   - Log Analytics + Application Insights, with App Service and Cosmos DB logs sent there
// Written against the API versions named on each resource; not compiled where it was written (no
// bicep CLI there): run `az bicep build -f deployment/infra/main.bicep` before the first deployment.

targetScope = 'resourceGroup'

@description('Short name put into every resource name: lower-case letters, digits and dashes, e.g. rtw-midyorks.')
@minLength(3)
@maxLength(20)
param baseName string

@description('Azure region for everything except the Azure Bot (which is global). Keep UK South for NHS data.')
param location string = resourceGroup().location

@description('App Service plan SKU. P0v3 or above for more than one instance, zone redundancy and faster start; B1 is the cheapest that supports always-on.')
param appServiceSku string = 'P0v3'

@description('Number of web app instances. More than one is safe: the daily digest takes a lease (CONTRACT §5).')
@minValue(1)
@maxValue(10)
param instanceCount int = 1

@description('App Service runtime stack for Linux.')
param linuxFxVersion string = 'NODE|24-lts'

@description('Azure Bot pricing tier. Teams is a standard channel: F0 carries unlimited Teams messages; S1 adds the Bot Service SLA.')
@allowed([
  'F0'
  'S1'
])
param botSku string = 'F0'

@description('Display name of the Azure Bot resource.')
param botDisplayName string = 'Cardiac Return to Work'

@description('Cosmos DB serverless (pay per request; right for one or a few services). false: provisioned autoscale throughput shared by the database.')
param cosmosServerless bool = true

@description('Autoscale maximum RU/s for the database when cosmosServerless is false.')
@minValue(1000)
param cosmosAutoscaleMaxThroughput int = 1000

@description('Cosmos DB backup: Periodic (geo-redundant copies in the paired UK region) or continuous point-in-time restore.')
@allowed([
  'Periodic'
  'Continuous7Days'
  'Continuous30Days'
])
param cosmosBackup string = 'Periodic'

@description('Periodic backup: minutes between backups (60-1440).')
@minValue(60)
@maxValue(1440)
param cosmosBackupIntervalMinutes int = 240

@description('Periodic backup: hours each backup is kept (8-720).')
@minValue(8)
@maxValue(720)
param cosmosBackupRetentionHours int = 168

@description('Periodic backup storage: Geo copies to the paired region (UK West for UK South); Zone or Local keep backups in the one region.')
@allowed([
  'Geo'
  'Zone'
  'Local'
])
param cosmosBackupStorageRedundancy string = 'Geo'

@description('Object id of an operator (user or group) given Cosmos DB data access too, e.g. to run scripts/add-lead.ts. Empty: nobody but the bot.')
param operatorPrincipalId string = ''

@description('Days Log Analytics keeps logs and telemetry.')
@minValue(30)
@maxValue(730)
param logRetentionDays int = 90

@description('Turn on Application Insights auto-instrumentation of the Node process (requests, dependencies, exceptions).')
param appInsightsAgent bool = true

// ---- bot settings (CONTRACT §7) ----
@description('COSMOS_DATABASE')
param cosmosDatabaseName string = 'cardiac-rtw'

@description('ALLOWED_TENANT_IDS: comma list of Entra tenant ids whose Teams users may use the bot. Default: this deployment\'s tenant.')
param allowedTenantIds string = tenant().tenantId

@description('DEFAULT_SERVICE_ID: the service that BOOTSTRAP_LEADS become leads of, e.g. mid-yorkshire.')
param defaultServiceId string

@description('BOOTSTRAP_LEADS: comma list of Entra object ids made leads of DEFAULT_SERVICE_ID at start.')
param bootstrapLeads string = ''

@description('DIGEST_TIME (HH:MM, 24-hour)')
param digestTime string = '08:00'

@description('DIGEST_TIMEZONE (IANA zone)')
param digestTimezone string = 'Europe/London'

@description('DIGEST_WINDOW_DAYS')
@minValue(1)
@maxValue(60)
param digestWindowDays int = 7

@description('DIGEST_CATCH_UP_UNTIL (HH:MM): a bot down at DIGEST_TIME still sends that day on start-up until then')
param digestCatchUpUntil string = '12:00'

@description('SERVICE_DIVISIONS: bank-holiday division of services outside England and Wales, as service:division pairs (scotland, northern-ireland), comma-separated. Empty: every service is in England and Wales.')
param serviceDivisions string = ''

@description('RETENTION_YEARS: discharged cases are purged this many years after discharge')
@minValue(1)
@maxValue(100)
param retentionYears int = 8

@secure()
@description('DIGEST_TRIGGER_TOKEN: bearer token for POST /api/digest/run (at least 16 characters). Empty: the route answers 404.')
param digestTriggerToken string = ''

@description('Also create a Logic App that calls POST /api/digest/run each working day at DIGEST_TIME (needs digestTriggerToken).')
param externalDigestTimer bool = false

@description('Windows time zone of the Logic App schedule; GMT Standard Time follows UK clock changes like Europe/London.')
param digestTimerTimeZone string = 'GMT Standard Time'

@description('LOG_LEVEL')
@allowed([
  'fatal'
  'error'
  'warn'
  'info'
  'debug'
  'trace'
  'silent'
])
param logLevel string = 'info'

@description('Tags put on every resource, e.g. owner, cost centre, data classification.')
param tags object = {}

var suffix = take(uniqueString(resourceGroup().id, baseName), 6)
var names = {
  identity: 'id-${baseName}'
  logs: 'log-${baseName}-${suffix}'
  appInsights: 'appi-${baseName}-${suffix}'
  plan: 'asp-${baseName}-${suffix}'
  web: 'app-${baseName}-${suffix}'
  cosmos: toLower('cosmos-${baseName}-${suffix}')
  bot: 'bot-${baseName}-${suffix}'
}
// The containers src/store/cosmos.ts opens; the bot cannot create them itself under data-plane RBAC.
var containerNames = [
  'cases'
  'staff'
  'conversations'
  'counters'
  'jobs'
  'audit'
]
// Built-in "Cosmos DB Built-in Data Contributor": read and write items, read metadata; no keys, no account changes.
var cosmosDataContributorRoleId = '00000000-0000-0000-0000-000000000002'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: names.identity
  location: location
  tags: tags
}

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: names.logs
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: logRetentionDays
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: names.appInsights
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logs.id
    IngestionMode: 'LogAnalytics'
  }
}

// ---------------- Cosmos DB ----------------

resource cosmos 'Microsoft.DocumentDB/databaseAccounts@2024-05-15' = {
  name: names.cosmos
  location: location
  tags: tags
  kind: 'GlobalDocumentDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    locations: [
      {
        locationName: location
        failoverPriority: 0
        isZoneRedundant: false
      }
    ]
    consistencyPolicy: {
      defaultConsistencyLevel: 'Session'
    }
    capabilities: cosmosServerless ? [
      {
        name: 'EnableServerless'
      }
    ] : []
    // Keys are off: only Entra identities with a data-plane role assignment can read or write.
    disableLocalAuth: true
    // Databases and containers change only through Azure Resource Manager (this template), never from the app.
    disableKeyBasedMetadataWriteAccess: true
    minimalTlsVersion: 'Tls12'
    publicNetworkAccess: 'Enabled'
    enableAutomaticFailover: false
    enableFreeTier: false
    backupPolicy: cosmosBackup == 'Periodic' ? {
      type: 'Periodic'
      periodicModeProperties: {
        backupIntervalInMinutes: cosmosBackupIntervalMinutes
        backupRetentionIntervalInHours: cosmosBackupRetentionHours
        backupStorageRedundancy: cosmosBackupStorageRedundancy
      }
    } : {
      type: 'Continuous'
      continuousModeProperties: {
        tier: cosmosBackup
      }
    }
  }
}

resource database 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2024-05-15' = {
  parent: cosmos
  name: cosmosDatabaseName
  properties: {
    resource: {
      id: cosmosDatabaseName
    }
    options: cosmosServerless ? {} : {
      autoscaleSettings: {
        maxThroughput: cosmosAutoscaleMaxThroughput
      }
    }
  }
}

resource containers 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-05-15' = [for name in containerNames: {
  parent: database
  name: name
  properties: {
    resource: union({
      id: name
      partitionKey: {
        paths: [
          '/serviceId'
        ]
        kind: 'Hash'
        version: 2
      }
    }, name == 'jobs' ? {
      // TTL on, no default expiry: a lease or job record may carry its own `ttl`.
      defaultTtl: -1
    } : {})
  }
}]

resource botDataAccess 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-05-15' = {
  parent: cosmos
  name: guid(cosmos.id, identity.id, cosmosDataContributorRoleId)
  properties: {
    roleDefinitionId: '${cosmos.id}/sqlRoleDefinitions/${cosmosDataContributorRoleId}'
    principalId: identity.properties.principalId
    scope: cosmos.id
  }
}

resource operatorDataAccess 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-05-15' = if (!empty(operatorPrincipalId)) {
  parent: cosmos
  name: guid(cosmos.id, operatorPrincipalId, cosmosDataContributorRoleId)
  properties: {
    roleDefinitionId: '${cosmos.id}/sqlRoleDefinitions/${cosmosDataContributorRoleId}'
    principalId: operatorPrincipalId
    scope: cosmos.id
  }
}

// ---------------- App Service ----------------

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: names.plan
  location: location
  tags: tags
  kind: 'linux'
  sku: {
    name: appServiceSku
    capacity: instanceCount
  }
  properties: {
    reserved: true // Linux
  }
}

var baseSettings = [
  {
    name: 'NODE_ENV'
    value: 'production'
  }
  // App Service's Node image routes to 8080; the bot reads PORT (default 3978 otherwise).
  {
    name: 'PORT'
    value: '8080'
  }
  {
    name: 'WEBSITES_PORT'
    value: '8080'
  }
  // The package is built before upload (docs/DEPLOYMENT.md): no build on the server.
  {
    name: 'SCM_DO_BUILD_DURING_DEPLOYMENT'
    value: 'false'
  }
  {
    name: 'MicrosoftAppId'
    value: identity.properties.clientId
  }
  {
    name: 'MicrosoftAppType'
    value: 'UserAssignedMSI'
  }
  {
    name: 'MicrosoftAppTenantId'
    value: tenant().tenantId
  }
  // DefaultAzureCredential (Cosmos DB) picks this user-assigned identity.
  {
    name: 'AZURE_CLIENT_ID'
    value: identity.properties.clientId
  }
  {
    name: 'ALLOWED_TENANT_IDS'
    value: allowedTenantIds
  }
  {
    name: 'COSMOS_ENDPOINT'
    value: cosmos.properties.documentEndpoint
  }
  {
    name: 'COSMOS_DATABASE'
    value: cosmosDatabaseName
  }
  {
    name: 'DEFAULT_SERVICE_ID'
    value: defaultServiceId
  }
  {
    name: 'BOOTSTRAP_LEADS'
    value: bootstrapLeads
  }
  {
    name: 'DIGEST_TIME'
    value: digestTime
  }
  {
    name: 'DIGEST_TIMEZONE'
    value: digestTimezone
  }
  {
    name: 'DIGEST_WINDOW_DAYS'
    value: string(digestWindowDays)
  }
  {
    name: 'DIGEST_CATCH_UP_UNTIL'
    value: digestCatchUpUntil
  }
  {
    name: 'SERVICE_DIVISIONS'
    value: serviceDivisions
  }
  {
    name: 'RETENTION_YEARS'
    value: string(retentionYears)
  }
  // Download links (GET /files/<id>) start with the app's public address. The default host name is
  // fixed by the site's name, so it is spelt out here rather than read back from the site itself.
  {
    name: 'PUBLIC_BASE_URL'
    value: 'https://${names.web}.azurewebsites.net'
  }
  {
    name: 'LOG_LEVEL'
    value: logLevel
  }
  {
    name: 'PLAYGROUND'
    value: '0'
  }
  {
    name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
    value: appInsights.properties.ConnectionString
  }
  {
    name: 'ApplicationInsightsAgent_EXTENSION_VERSION'
    value: appInsightsAgent ? '~3' : 'disabled'
  }
]
var triggerSettings = empty(digestTriggerToken) ? [] : [
  {
    name: 'DIGEST_TRIGGER_TOKEN'
    value: digestTriggerToken
  }
]

resource web 'Microsoft.Web/sites@2023-12-01' = {
  name: names.web
  location: location
  tags: tags
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientAffinityEnabled: false
    siteConfig: {
      linuxFxVersion: linuxFxVersion
      appCommandLine: 'node dist/src/main.js'
      alwaysOn: true
      healthCheckPath: '/readyz'
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      appSettings: concat(baseSettings, triggerSettings)
    }
  }
  dependsOn: [
    containers // the bot opens every container at start-up
    botDataAccess
  ]
}

// Deployments authenticate with Entra ID (az webapp deploy); no FTP or basic-auth publishing passwords.
resource ftpBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2023-12-01' = {
  parent: web
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2023-12-01' = {
  parent: web
  name: 'scm'
  properties: {
    allow: false
  }
}

// Console output (pino JSON, never patient data) and HTTP logs into Log Analytics.
resource webDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: web
  properties: {
    workspaceId: logs.id
    logs: [
      {
        category: 'AppServiceConsoleLogs'
        enabled: true
      }
      {
        category: 'AppServiceHTTPLogs'
        enabled: true
      }
      {
        category: 'AppServicePlatformLogs'
        enabled: true
      }
    ]
    metrics: [
      {
        category: 'AllMetrics'
        enabled: true
      }
    ]
  }
}

// Who changed the Cosmos DB account (keys, network, backups, role assignments).
resource cosmosDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: cosmos
  properties: {
    workspaceId: logs.id
    logAnalyticsDestinationType: 'Dedicated'
    logs: [
      {
        category: 'ControlPlaneRequests'
        enabled: true
      }
    ]
  }
}

// ---------------- Azure Bot ----------------

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: names.bot
  location: 'global'
  tags: tags
  kind: 'azurebot'
  sku: {
    name: botSku
  }
  properties: {
    displayName: botDisplayName
    endpoint: 'https://${web.properties.defaultHostName}/api/messages'
    msaAppId: identity.properties.clientId
    msaAppType: 'UserAssignedMSI'
    msaAppMSIResourceId: identity.id
    msaAppTenantId: tenant().tenantId
    publicNetworkAccess: 'Enabled'
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
    }
  }
}

// ---------------- optional external digest timer ----------------
// The bot sends the digest itself at DIGEST_TIME; this timer is a second, independent caller (e.g. for
// a plan that scales to zero or an operator who wants the schedule outside the app). Either way at most
// one digest per lead per day: the bot takes a lease in the jobs container (CONTRACT §5, §6).

resource digestTimer 'Microsoft.Logic/workflows@2019-05-01' = if (externalDigestTimer && !empty(digestTriggerToken)) {
  name: 'logic-${baseName}-digest-${suffix}'
  location: location
  tags: tags
  properties: {
    state: 'Enabled'
    definition: {
      '$schema': 'https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#'
      contentVersion: '1.0.0.0'
      parameters: {
        digestToken: {
          type: 'SecureString'
        }
        digestUrl: {
          type: 'String'
        }
      }
      triggers: {
        WorkingDays: {
          type: 'Recurrence'
          recurrence: {
            frequency: 'Week'
            interval: 1
            timeZone: digestTimerTimeZone
            schedule: {
              weekDays: [
                'Monday'
                'Tuesday'
                'Wednesday'
                'Thursday'
                'Friday'
              ]
              hours: [
                int(split(digestTime, ':')[0])
              ]
              minutes: [
                int(split(digestTime, ':')[1])
              ]
            }
          }
        }
      }
      actions: {
        RunDigest: {
          type: 'Http'
          inputs: {
            method: 'POST'
            uri: '@parameters(\'digestUrl\')'
            // The bot takes application/json only on POST routes (415 for any other declared type).
            headers: {
              Authorization: 'Bearer @{parameters(\'digestToken\')}'
              'Content-Type': 'application/json'
            }
          }
          retryPolicy: {
            type: 'exponential'
            count: 4
            interval: 'PT1M'
          }
          // Keeps the bearer token out of the run history.
          runtimeConfiguration: {
            secureData: {
              properties: [
                'inputs'
              ]
            }
          }
        }
      }
      outputs: {}
    }
    parameters: {
      digestToken: {
        value: digestTriggerToken
      }
      digestUrl: {
        value: 'https://${web.properties.defaultHostName}/api/digest/run'
      }
    }
  }
}

// ---------------- what the next steps need ----------------

@description('MicrosoftAppId for `npm run package` (the bot id in the Teams manifest).')
output botAppId string = identity.properties.clientId

@description('BOT_DOMAIN for `npm run package` (validDomains).')
output botDomain string = web.properties.defaultHostName

output webAppName string = web.name
output botName string = bot.name
output messagingEndpoint string = 'https://${web.properties.defaultHostName}/api/messages'
output cosmosAccountName string = cosmos.name
output cosmosEndpoint string = cosmos.properties.documentEndpoint
output identityPrincipalId string = identity.properties.principalId
output appInsightsName string = appInsights.name
output logAnalyticsWorkspaceName string = logs.name
