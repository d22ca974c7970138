package dev.coffer.api.routing;

/**
 * Every S3 operation Coffer resolves, named as the AWS API reference names it. A value without a
 * handler answers NotImplemented; {@link #UNSUPPORTED} stands for a subresource Coffer does not
 * serve, {@link #METHOD_NOT_ALLOWED} for a method S3 does not take on that resource.
 */
public enum S3Operation {
    LIST_BUCKETS,
    CREATE_BUCKET,
    HEAD_BUCKET,
    DELETE_BUCKET,
    GET_BUCKET_LOCATION,
    GET_BUCKET_VERSIONING,
    PUT_BUCKET_VERSIONING,
    GET_BUCKET_TAGGING,
    PUT_BUCKET_TAGGING,
    DELETE_BUCKET_TAGGING,
    LIST_OBJECTS,
    LIST_OBJECTS_V2,
    LIST_OBJECT_VERSIONS,
    LIST_MULTIPART_UPLOADS,
    DELETE_OBJECTS,
    POST_OBJECT,
    PUT_OBJECT,
    COPY_OBJECT,
    GET_OBJECT,
    HEAD_OBJECT,
    DELETE_OBJECT,
    GET_OBJECT_ATTRIBUTES,
    GET_OBJECT_TAGGING,
    PUT_OBJECT_TAGGING,
    DELETE_OBJECT_TAGGING,
    CREATE_MULTIPART_UPLOAD,
    UPLOAD_PART,
    UPLOAD_PART_COPY,
    COMPLETE_MULTIPART_UPLOAD,
    ABORT_MULTIPART_UPLOAD,
    LIST_PARTS,
    UNSUPPORTED,
    METHOD_NOT_ALLOWED
}
