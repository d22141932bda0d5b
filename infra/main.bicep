// LygServerless on Azure (azd): the Functions app of the hub on Flex Consumption, its storage reached by managed
// identity, monitoring, and the JWT signing key in Key Vault. Local runs use infra/local (Azurite) instead.
targetScope = 'subscription'

@minLength(1)
@maxLength(40)
@description('azd environment name (dev, test, prod); it names the resource group and the task hub.')
param environmentName string

@minLength(1)
@description('Region of every resource; it must offer Flex Consumption (az functionapp list-flexconsumption-locations).')
@metadata({ azd: { type: 'location' } })
param location string

@description('Durable task hub name. Empty: derived from the environment name, so no two environments share a hub.')
@maxLength(45)
param taskHubName string = ''

@minLength(1)
@description('Issuer the hub accepts in bearer tokens (Auth__Jwt__Issuer).')
param jwtIssuer string

@minLength(1)
@description('Audience the hub accepts in bearer tokens (Auth__Jwt__Audience).')
param jwtAudience string = 'lyg-hub'

@secure()
@minLength(44)
@description('Base64 HMAC-SHA256 key of at least 32 bytes; stored in Key Vault, read by the app as Auth__Jwt__SigningKeys__0.')
param jwtSigningKey string

@minValue(1)
@maxValue(1000)
@description('Upper bound of Flex Consumption instances.')
param maximumInstanceCount int = 100

var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName }
var hubName = !empty(taskHubName) ? taskHubName : take('lyg${toLower(replace(replace(environmentName, '-', ''), '_', ''))}', 45)

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-lyg-${environmentName}'
  location: location
  tags: tags
}

module identity 'app/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: 'id-lyg-${resourceToken}'
    location: location
    tags: tags
  }
}

module monitoring 'app/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: 'log-lyg-${resourceToken}'
    applicationInsightsName: 'appi-lyg-${resourceToken}'
    location: location
    tags: tags
  }
}

module storage 'app/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: 'stlyg${resourceToken}'
    location: location
    tags: tags
  }
}

module keyVault 'app/keyvault.bicep' = {
  name: 'keyvault'
  scope: rg
  params: {
    name: 'kv-lyg-${resourceToken}'
    location: location
    tags: tags
    jwtSigningKey: jwtSigningKey
  }
}

module rbac 'app/rbac.bicep' = {
  name: 'rbac'
  scope: rg
  params: {
    principalId: identity.outputs.principalId
    storageAccountName: storage.outputs.name
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    keyVaultName: keyVault.outputs.name
    signingKeySecretName: keyVault.outputs.signingKeySecretName
  }
}

module functions 'app/functions.bicep' = {
  name: 'functions'
  scope: rg
  // The identity's roles must exist before the host first reaches storage and resolves the Key Vault reference.
  dependsOn: [rbac]
  params: {
    appName: 'func-lyg-${resourceToken}'
    planName: 'plan-lyg-${resourceToken}'
    location: location
    tags: tags
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: storage.outputs.name
    deploymentContainerName: storage.outputs.deploymentContainerName
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    maximumInstanceCount: maximumInstanceCount
    appSettings: {
      TaskHubName: hubName
      Auth__Jwt__Issuer: jwtIssuer
      Auth__Jwt__Audience: jwtAudience
      Auth__Jwt__SigningKeys__0: '@Microsoft.KeyVault(SecretUri=${keyVault.outputs.signingKeySecretUri})'
    }
  }
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = functions.outputs.name
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output LYG_TASK_HUB_NAME string = hubName
output LYG_API_BASE_URL string = '${functions.outputs.url}/api'
