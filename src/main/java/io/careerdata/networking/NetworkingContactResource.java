package io.careerdata.networking;

import io.careerdata.cache.CacheCategory;
import io.careerdata.owned.OwnedCollection;
import io.careerdata.owned.OwnedResource;
import jakarta.enterprise.inject.Produces;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/users/{userId}/networking-contacts")
@Tag(name = "Networking contacts")
public class NetworkingContactResource extends OwnedResource<NetworkingContact, NetworkingContactRequest> {

    @Produces
    static final OwnedCollection<NetworkingContact> COLLECTION = new OwnedCollection<>(NetworkingContact.class, NetworkingContact::new, CacheCategory.NETWORKING_CONTACTS, "Networking contact");

    public NetworkingContactResource() {
        super(COLLECTION);
    }
}
