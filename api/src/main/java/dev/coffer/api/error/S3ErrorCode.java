package dev.coffer.api.error;

/**
 * Every S3 error code Coffer answers, named exactly as AWS names it, with the code string, its HTTP
 * status and AWS's default message.
 *
 * <p>Source: <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html#ErrorCodeList">
 * S3 API reference, List of error codes</a>; {@code src/test/resources/error/aws-error-codes.tsv}
 * holds that list and a test keeps the codes and statuses here in step with it.
 */
public enum S3ErrorCode {
    AccessControlListNotSupported("AccessControlListNotSupported", 400, "The bucket does not allow ACLs"),
    AccessDenied("AccessDenied", 403, "Access Denied"),
    /** A CORS preflight refused; not in S3's error table, but what S3 answers (see PreflightHandler). */
    AccessForbidden("AccessForbidden", 403, "CORSResponse: This CORS request is not allowed."),
    AuthorizationHeaderMalformed("AuthorizationHeaderMalformed", 400, "The authorization header you provided is invalid."),
    AuthorizationQueryParametersError("AuthorizationQueryParametersError", 400,
            "Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, "
                    + "X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters."),
    BadDigest("BadDigest", 400, "The Content-MD5 or checksum value you specified did not match what we received."),
    BadRequest("BadRequest", 400, "Bad Request"),
    BucketAlreadyExists("BucketAlreadyExists", 409, "The requested bucket name is not available. The bucket namespace is shared "
            + "by all users of the system. Please select a different name and try again."),
    BucketAlreadyOwnedByYou("BucketAlreadyOwnedByYou", 409,
            "Your previous request to create the named bucket succeeded and you already own it."),
    BucketNotEmpty("BucketNotEmpty", 409, "The bucket you tried to delete is not empty"),
    ConditionalRequestConflict("ConditionalRequestConflict", 409, "A conflicting conditional operation is currently in progress "
            + "against this resource. Please try again."),
    EntityTooLarge("EntityTooLarge", 400, "Your proposed upload exceeds the maximum allowed size"),
    EntityTooSmall("EntityTooSmall", 400, "Your proposed upload is smaller than the minimum allowed object size."),
    IllegalVersioningConfigurationException("IllegalVersioningConfigurationException", 400,
            "The versioning configuration specified in the request is invalid."),
    IncompleteBody("IncompleteBody", 400, "You did not provide the number of bytes specified by the Content-Length HTTP header."),
    InternalError("InternalError", 500, "We encountered an internal error. Please try again."),
    InvalidAccessKeyId("InvalidAccessKeyId", 403, "The AWS Access Key Id you provided does not exist in our records."),
    InvalidBucketAclWithObjectOwnership("InvalidBucketAclWithObjectOwnership", 400,
            "Bucket cannot have ACLs set with ObjectOwnership's BucketOwnerEnforced setting"),
    InvalidArgument("InvalidArgument", 400, "Invalid Argument"),
    InvalidBucketName("InvalidBucketName", 400, "The specified bucket is not valid."),
    InvalidBucketOwnerAWSAccountID("InvalidBucketOwnerAWSAccountID", 400,
            "The value of the expected bucket owner parameter must be an AWS Account ID."),
    InvalidBucketState("InvalidBucketState", 409, "The request is not valid with the current state of the bucket."),
    InvalidChunkSizeError("InvalidChunkSizeError", 400, "Only the last chunk is allowed to have a size less than 8192 bytes"),
    InvalidDigest("InvalidDigest", 400, "The Content-MD5 you specified is not valid."),
    InvalidEncryptionAlgorithmError("InvalidEncryptionAlgorithmError", 400,
            "The encryption request you specified is not valid. The valid value is AES256."),
    InvalidLocationConstraint("InvalidLocationConstraint", 400, "The specified location constraint is not valid."),
    InvalidObjectState("InvalidObjectState", 403, "The operation is not valid for the object's storage class"),
    InvalidPolicyDocument("InvalidPolicyDocument", 400, "The content of the form does not meet the conditions specified "
            + "in the policy document."),
    InvalidPart("InvalidPart", 400, "One or more of the specified parts could not be found. The part may not have been "
            + "uploaded, or the specified entity tag may not match the part's entity tag."),
    InvalidPartOrder("InvalidPartOrder", 400, "The list of parts was not in ascending order. The parts list must be "
            + "specified in order by part number."),
    InvalidPartNumber("InvalidPartNumber", 400, "The requested partnumber is not satisfiable"),
    InvalidRange("InvalidRange", 416, "The requested range is not satisfiable"),
    InvalidRequest("InvalidRequest", 400, "Invalid Request"),
    InvalidStorageClass("InvalidStorageClass", 400, "The storage class you specified is not valid"),
    InvalidToken("InvalidToken", 400, "The provided token is malformed or otherwise invalid."),
    InvalidURI("InvalidURI", 400, "Couldn't parse the specified URI."),
    InvalidTag("InvalidTag", 400, "The tag provided was not a valid tag."),
    KeyTooLongError("KeyTooLongError", 400, "Your key is too long"),
    /** A KMS key id that the key ring does not know; the code has a dot, so the constant spells it with _. */
    KMS_NotFoundException("KMS.NotFoundException", 400, "Invalid keyId"),
    MaxMessageLengthExceeded("MaxMessageLengthExceeded", 400, "Your request was too big."),
    MalformedXML("MalformedXML", 400, "The XML you provided was not well-formed or did not validate against our "
            + "published schema"),
    MalformedACLError("MalformedACLError", 400,
            "The XML you provided was not well-formed or did not validate against our published schema."),
    MalformedPolicy("MalformedPolicy", 400, "Policies must be valid JSON and the first byte must be '{'"),
    MalformedPOSTRequest("MalformedPOSTRequest", 400, "The body of your POST request is not well-formed multipart/form-data."),
    MaxPostPreDataLengthExceededError("MaxPostPreDataLengthExceededError", 400, "Your POST request fields preceding the "
            + "upload file were too large."),
    MetadataTooLarge("MetadataTooLarge", 400, "Your metadata headers exceed the maximum allowed metadata size."),
    MethodNotAllowed("MethodNotAllowed", 405, "The specified method is not allowed against this resource."),
    MissingContentLength("MissingContentLength", 411, "You must provide the Content-Length HTTP header."),
    MissingRequestBodyError("MissingRequestBodyError", 400, "Request Body is empty"),
    MissingSecurityHeader("MissingSecurityHeader", 400, "Your request is missing a required header."),
    NoSuchBucket("NoSuchBucket", 404, "The specified bucket does not exist"),
    NoSuchBucketPolicy("NoSuchBucketPolicy", 404, "The bucket policy does not exist"),
    NoSuchCORSConfiguration("NoSuchCORSConfiguration", 404, "The CORS configuration does not exist"),
    NoSuchKey("NoSuchKey", 404, "The specified key does not exist."),
    OwnershipControlsNotFoundError("OwnershipControlsNotFoundError", 404, "The bucket ownership controls were not found"),
    NoSuchPublicAccessBlockConfiguration("NoSuchPublicAccessBlockConfiguration", 404,
            "The public access block configuration was not found"),
    NoSuchLifecycleConfiguration("NoSuchLifecycleConfiguration", 404, "The lifecycle configuration does not exist"),
    NoSuchObjectLockConfiguration("NoSuchObjectLockConfiguration", 404, "The specified object does not have a ObjectLock configuration"),
    NoSuchTagSet("NoSuchTagSet", 404, "The TagSet does not exist"),
    NoSuchUpload("NoSuchUpload", 404, "The specified upload does not exist. The upload ID may be invalid, or the upload "
            + "may have been aborted or completed."),
    NoSuchVersion("NoSuchVersion", 404, "The specified version does not exist."),
    NotImplemented("NotImplemented", 501, "A header you provided implies functionality that is not implemented"),
    /** Answers a conditional GET or HEAD; the error writer sends no body with it. */
    NotModified("NotModified", 304, "Not Modified"),
    ObjectLockConfigurationNotFoundError("ObjectLockConfigurationNotFoundError", 404, "Object Lock configuration does not exist for this bucket"),
    OperationAborted("OperationAborted", 409, "A conflicting conditional operation is currently in progress against this "
            + "resource. Please try again."),
    PreconditionFailed("PreconditionFailed", 412, "At least one of the pre-conditions you specified did not hold"),
    RequestTimeout("RequestTimeout", 400, "Your socket connection to the server was not read from or written to within "
            + "the timeout period. Idle connections will be closed."),
    RequestTimeTooSkewed("RequestTimeTooSkewed", 403, "The difference between the request time and the current time is too large."),
    ServerSideEncryptionConfigurationNotFoundError("ServerSideEncryptionConfigurationNotFoundError", 404, "The server side encryption configuration was not found"),
    ServiceUnavailable("ServiceUnavailable", 503, "Please reduce your request rate."),
    SignatureDoesNotMatch("SignatureDoesNotMatch", 403, "The request signature we calculated does not match the signature you "
            + "provided. Check your key and signing method."),
    SlowDown("SlowDown", 503, "Please reduce your request rate."),
    UnresolvableGrantByEmailAddress("UnresolvableGrantByEmailAddress", 400,
            "The e-mail address you provided does not match any account on record."),
    UnexpectedContent("UnexpectedContent", 400, "This request does not support content"),
    XAmzContentSHA256Mismatch("XAmzContentSHA256Mismatch", 400, "The provided 'x-amz-content-sha256' header does not match what was computed.");

    private final String code;
    private final int status;
    private final String defaultMessage;

    S3ErrorCode(String code, int status, String defaultMessage) {
        this.code = code;
        this.status = status;
        this.defaultMessage = defaultMessage;
    }

    /** The code exactly as AWS spells it, as it appears in {@code <Code>}. */
    public String code() {
        return code;
    }

    public int status() {
        return status;
    }

    public String defaultMessage() {
        return defaultMessage;
    }
}
