using Lyg.Hub.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Lyg.Hub.Features.Attachments;

public static class AttachmentsServiceCollectionExtensions
{
    /// <summary>Photo checking and re-encoding, the attachment store on the configured container, and the one claim check.</summary>
    public static IServiceCollection AddAttachments(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<AttachmentOptions>().Bind(configuration.GetSection(AttachmentOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<PhotoProcessor>();
        services.AddSingleton(sp => new AttachmentStore(
            sp.GetRequiredService<Azure.Data.Tables.TableServiceClient>(),
            sp.GetRequiredService<StorageAccount>().CreateBlobServiceClient().GetBlobContainerClient(sp.GetRequiredService<IOptions<AttachmentOptions>>().Value.Container)));
        services.AddSingleton<AttachmentClaims>();
        return services;
    }
}
