import boto3, botocore, json, sys
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
import requests
import os
EP=os.environ.get('COFFER_ENDPOINT','http://127.0.0.1:9480')
creds=Credentials(os.environ['COFFER_ACCESS_KEY'],os.environ['COFFER_SECRET_KEY'])
req=AWSRequest(method='POST', url=EP+'/_coffer/admin/accounts?name=alt', headers={'x-amz-content-sha256':'UNSIGNED-PAYLOAD'})
SigV4Auth(creds,'s3','us-east-1').add_auth(req)
r=requests.post(req.url, headers=dict(req.headers))
print(r.status_code, r.text)
open(os.environ.get('COFFER_ALT_JSON','alt.json'),'w').write(r.text)
