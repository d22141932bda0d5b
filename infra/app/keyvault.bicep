// Key Vault (RBAC authorization) holding the JWT signing key; the app reads it through a Key Vault reference.
param name string
param location string
param tags object

@secure()
param jwtSigningKey string

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
    publicNetworkAccess: 'Enabled'
  }
}

resource signingKey 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'auth-jwt-signing-key-0'
  properties: {
    value: jwtSigningKey
    contentType: 'base64 HMAC-SHA256 key'
  }
}

output name string = vault.name
output signingKeySecretName string = signingKey.name

@description('Versionless URI: the app follows the latest version, so rotating the key needs no redeployment.')
output signingKeySecretUri string = signingKey.properties.secretUri
